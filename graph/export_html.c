/* graph/export_html.c - one self-contained HTML page that draws the graph.
 *
 * The page is graph/html/viewer.html (our template: layout, search box, date
 * slider, details panel) with three markers replaced: the Cytoscape.js
 * library, the colour palette (the same as DOT's, from dkg__node_colour /
 * dkg__edge_colour, so pictures agree), and the graph as Cytoscape.js JSON.
 * Both the template and the library are compiled into the binary by
 * graph/html/embed.cmake, so the written file needs no network and no files
 * beside it, and opens from file://.
 *
 * Safety of inlining: JSON inside <script> ends at the first "</script", so
 * every '<' in the data is written as \u003c (export_json.c); the library is
 * checked once for "</script" and refused if it contains one.
 */
#include <string.h>


#include "export_internal.h"

extern const unsigned char dkg__html_template[];
extern const size_t dkg__html_template_len;
extern const unsigned char dkg__html_library[];
extern const size_t dkg__html_library_len;

static const char *find(const char *hay, size_t hay_len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= hay_len; i++) {
        if (memcmp(hay + i, needle, n) == 0) {
            return hay + i;
        }
    }
    return NULL;
}

static int write_palette(FILE *out)
{
    static const char *const node_types[] = {"person", "country", "place", "organization"};
    static const char *const edge_types[] = {"meet",    "call", "visit",      "agree", "aid",
                                             "appeal", "support", "role", "located_in"};
    fputs("{\"node\":{", out);
    for (size_t i = 0; i < sizeof node_types / sizeof node_types[0]; i++) {
        fprintf(out, "%s\"%s\":\"%s\"", i ? "," : "", node_types[i],
                dkg__node_colour(node_types[i]));
    }
    fprintf(out, "},\"node_other\":\"%s\",\"edge\":{", dkg__node_colour(""));
    for (size_t i = 0; i < sizeof edge_types / sizeof edge_types[0]; i++) {
        fprintf(out, "%s\"%s\":\"%s\"", i ? "," : "", edge_types[i],
                dkg__edge_colour(edge_types[i]));
    }
    fprintf(out, "},\"edge_other\":\"%s\"}", dkg__edge_colour(""));
    return 0;
}

int dkg__export_html(const dkg__xview *v, FILE *out, dkg_error *err)
{
    static const char *const markers[] = {"/*@DKG_LIBRARY@*/", "/*@DKG_PALETTE@*/",
                                          "/*@DKG_DATA@*/"};
    const char *tpl = (const char *)dkg__html_template;
    size_t tpl_len = dkg__html_template_len;
    const char *lib = (const char *)dkg__html_library;
    size_t lib_len = dkg__html_library_len;
    if (find(lib, lib_len, "</script") != NULL || find(lib, lib_len, "</SCRIPT") != NULL) {
        return dkg_error_set(err, DKG_EINVAL,
                             "the embedded drawing library contains '</script' and cannot be "
                             "inlined (see graph/vendor/README.md)");
    }
    const char *pos = tpl;
    for (size_t m = 0; m < sizeof markers / sizeof markers[0]; m++) {
        const char *at = find(pos, tpl_len - (size_t)(pos - tpl), markers[m]);
        if (at == NULL) {
            return dkg_error_set(err, DKG_EINVAL, "the HTML template lacks the marker %s",
                                 markers[m]);
        }
        fwrite(pos, 1, (size_t)(at - pos), out);
        int rc = 0;
        if (m == 0) {
            fwrite(lib, 1, lib_len, out);
        } else if (m == 1) {
            rc = write_palette(out);
        } else {
            rc = dkg__export_html_data(v, out, err);
        }
        if (rc != 0) {
            return rc;
        }
        pos = at + strlen(markers[m]);
    }
    fwrite(pos, 1, tpl_len - (size_t)(pos - tpl), out);
    if (ferror(out)) {
        return dkg_error_set(err, DKG_EIO, "write failed");
    }
    return 0;
}
