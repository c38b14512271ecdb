// The layout families, one per file in layouts/; listed in order by layouts.cpp.
#pragma once

#include "layout.hpp"

namespace fixturegen {

Layout comprehensive_table_layout();
Layout status_report_layout();
Layout department_table_layout();
Layout item_table_layout();
Layout label_blocks_layout();
Layout heading_blocks_layout();
Layout column_table_layout();
Layout outline_blocks_layout();

}  // namespace fixturegen
