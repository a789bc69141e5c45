/* src/cmd_query.c - placeholder until its issue lands (see 'issues'). */
#include <stdio.h>

#include "commands.h"

int cmd_query(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_errorf("'dkg query' is not available in this build yet");
    return DKG_EXIT_FAILURE;
}
