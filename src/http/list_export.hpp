#pragma once
// Exports (issue 10 §4): every list the console shows — every signed-in GET route that pages
// (takes `page` and `page_size`) — also answers `?format=csv` with the same filters: the whole
// list as CSV (UTF-8 with BOM, RFC 4180, formula-guarded), streamed in chunks while the list is
// read page by page, so a list of a million rows never sits in memory. The columns are the
// list's item fields; nested values are written as JSON text. Scope and filters are the list's
// own: the export calls the same handler the page does.
#include "http/types.hpp"

namespace skillreg::http {

// Rows read per internal page.
inline constexpr int kExportPageSize = 1000;

// Adds `format` (json | csv) to every such route of `routes` and wraps its handler.
void add_list_exports(RouteTable& routes);

// Whether a request asks for an export (the server then runs it on a worker thread).
bool wants_export(const Request& req);

}  // namespace skillreg::http
