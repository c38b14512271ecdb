// kansa::era::find_date and find_fiscal_year on arbitrary bytes: a date found lies inside
// the input, names a real calendar day, and its iso() agrees with its fields.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "kansa/era_date.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto d = kansa::era::find_date(text)) {
    FUZZ_CHECK(d->offset <= text.size() && d->length <= text.size() - d->offset);
    FUZZ_CHECK(d->month.has_value());
    FUZZ_CHECK(*d->month >= 1 && *d->month <= 12);
    if (d->day) FUZZ_CHECK(*d->day >= 1 && *d->day <= 31);
    if (auto iso = d->iso()) {
      FUZZ_CHECK(iso->size() == 10 && (*iso)[4] == '-' && (*iso)[7] == '-');
      FUZZ_CHECK(d->day.has_value());
    }
  }
  (void)kansa::era::find_fiscal_year(text);
  return 0;
}
