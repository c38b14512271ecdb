#include "layout.hpp"
#include "layouts/families.hpp"

namespace fixturegen {

const std::vector<Layout>& layouts() {
  // Documents cycle through this order, so keep appending new families at the end, opt-in
  // (Layout::in_default_cycle false): the committed fixtures stay the same.
  static const std::vector<Layout> kAll = {comprehensive_table_layout(), status_report_layout(),
                                           department_table_layout(),    item_table_layout(),
                                           label_blocks_layout(),        heading_blocks_layout(),
                                           column_table_layout(),        outline_blocks_layout()};
  return kAll;
}

}  // namespace fixturegen
