/* src/cmd_export.c - placeholder until its issue lands (see 'issues'). */
#include <stdio.h>

#include "commands.h"

int cmd_export(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_errorf("'dkg export' is not available in this build yet");
    return DKG_EXIT_FAILURE;
}
