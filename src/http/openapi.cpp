// The OpenAPI 3.1 document, generated from the route table.
#include "http/route_matcher.hpp"
#include "http/services.hpp"

namespace skillreg::http {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Json error_ref() { return {{"$ref", "#/components/responses/Error"}}; }

}  // namespace

Json openapi_document(const RouteTable& routes) {
  Json paths = Json::object();
  for (const auto& r : routes) {
    const std::string path = openapi_path(r.path);
    Json op = {{"summary", r.summary}, {"tags", Json::array({r.tag})}};
    Json params = Json::array();
    for (const auto name : path_parameters(r.path))
      params.push_back({{"name", name}, {"in", "path"}, {"required", true},
                        {"schema", {{"type", "string"}}}});
    for (const auto& q : r.query)
      params.push_back({{"name", q}, {"in", "query"}, {"required", false},
                        {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = params;
    if (r.method == Method::post || r.method == Method::put || r.method == Method::patch)
      op["requestBody"] = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    op["responses"] = {{"200", {{"description", "Success"}}},
                       {"400", error_ref()}, {"404", error_ref()}, {"422", error_ref()}};
    if (r.access == Access::session) {
      op["security"] = Json::array({{{"bearer", Json::array()}}, {{"cookie", Json::array()}}});
      op["responses"]["401"] = error_ref();
      op["responses"]["403"] = error_ref();
    }
    paths[path][lower(to_string(r.method))] = op;
  }
  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "skillreg API — 技能人才评价监管系统"},
        {"version", SKILLREG_VERSION},
        {"description", "Conventions: see API.md. Errors: {\"error\":{\"code\",\"message\",\"details\"}}."}}},
      {"servers", Json::array({{{"url", "/"}}})},
      {"paths", paths},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "skillreg_session"}}}}},
        {"responses",
         {{"Error",
           {{"description", "An error; see API.md"},
            {"content",
             {{"application/json",
               {{"schema",
                 {{"type", "object"},
                  {"properties",
                   {{"error",
                     {{"type", "object"},
                      {"properties",
                       {{"code", {{"type", "string"}}},
                        {"message", {{"type", "string"}}},
                        {"messages",
                         {{"type", "object"},
                          {"description", "The message in both languages (zh, en)"},
                          {"properties", {{"zh", {{"type", "string"}}}, {"en", {{"type", "string"}}}}}}},
                        {"article", {{"type", "string"}, {"description", "The article a refusal rests on"}}},
                        {"details", {{"type", "array"}}}}}}}}}}}}}}}}}}}}}};
}

}  // namespace skillreg::http
