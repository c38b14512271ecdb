/* An extractor whose descriptor has no name and no extract function. */
#include "common.h"

static const kansa_plugin_descriptor descriptor = {KANSA_ABI_MAJOR,
                                                   KANSA_ABI_MINOR,
                                                   sizeof(kansa_plugin_descriptor),
                                                   KANSA_KIND_EXTRACTOR,
                                                   "",
                                                   "1.0.0",
                                                   "no name, no extract",
                                                   "",
                                                   NULL,
                                                   0,
                                                   bad_create,
                                                   bad_destroy,
                                                   NULL,
                                                   NULL,
                                                   NULL,
                                                   NULL,
                                                   {0}};

KANSA_PLUGIN_EXPORT const kansa_plugin_descriptor* kansa_plugin_entry(void) { return &descriptor; }
