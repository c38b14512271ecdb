/* Shared pieces of the deliberately broken plugins used by the loader tests. */
#ifndef KANSA_TEST_BAD_PLUGIN_COMMON_H
#define KANSA_TEST_BAD_PLUGIN_COMMON_H
#include "kansa/plugin_abi.h"

__attribute__((unused)) static kansa_status bad_create(const kansa_option* o, size_t n, void** inst,
                                                       kansa_error* e) {
  (void)o;
  (void)n;
  (void)e;
  static int dummy;
  *inst = &dummy;
  return KANSA_OK;
}
__attribute__((unused)) static void bad_destroy(void* inst) { (void)inst; }
__attribute__((unused)) static kansa_status bad_extract(void* i, const char* p,
                                                        const kansa_page_sink* s, kansa_error* e) {
  (void)i;
  (void)p;
  (void)s;
  (void)e;
  return KANSA_OK;
}
#endif
