/* A plugin built against a future ABI major version: the host must refuse it. */
#include "common.h"

static const kansa_plugin_descriptor descriptor = {KANSA_ABI_MAJOR + 1,
                                                   0,
                                                   sizeof(kansa_plugin_descriptor),
                                                   KANSA_KIND_EXTRACTOR,
                                                   "wrong_abi",
                                                   "1.0.0",
                                                   "built for ABI 2",
                                                   "",
                                                   NULL,
                                                   0,
                                                   bad_create,
                                                   bad_destroy,
                                                   bad_extract,
                                                   NULL,
                                                   NULL,
                                                   NULL,
                                                   {0}};

KANSA_PLUGIN_EXPORT const kansa_plugin_descriptor* kansa_plugin_entry(void) { return &descriptor; }
