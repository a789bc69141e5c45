/* src/cmd_build.c - placeholder until its issue lands (see 'issues'). */
#include <stdio.h>

#include "commands.h"

int cmd_build(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_errorf("'dkg build' is not available in this build yet");
    return DKG_EXIT_FAILURE;
}
