/* src/cmd_extract.c - placeholder, replaced by the extraction issue's work. */
#include "commands.h"

int cmd_extract(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_errorf("'dkg extract' is not available in this build yet");
    return DKG_EXIT_FAILURE;
}
