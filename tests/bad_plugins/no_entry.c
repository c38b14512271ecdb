/* A shared library without the kansa entry point: the host must refuse it. */
#include "common.h"

KANSA_PLUGIN_EXPORT int some_other_function(void) { return 42; }
