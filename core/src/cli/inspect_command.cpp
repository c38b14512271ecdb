// `kansa inspect FILE.pdf`: runs the pipeline on one file in this process (no database, no
// worker) and explains what was recognized: page routes, the layout chosen and why, column
// roles or block labels, the legend, the document fields and every item with its confidences.
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/inspect_report.hpp"
#include "cli/setup.hpp"
#include "kansa/interpret_explain.hpp"

namespace kansa::cli {

Run add_inspect(CLI::App& app) {
  struct Opts {
    std::string file, pipeline = "default", municipality_code;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("file", o->file, "PDF file")->required()->check(CLI::ExistingFile);
  app.add_option("--pipeline", o->pipeline, "Pipeline name or definition file")
      ->capture_default_str();
  app.add_option("--municipality-code", o->municipality_code,
                 "6-digit local government code of the document's municipality");
  app.add_flag("--json", o->json, "Print the report as one JSON object");
  return [o] {
    Session s;
    if (!open_session(o->pipeline, s, 0, {available_cores(), ""})) return int(kExitSetup);
    Document doc;
    if (Status st = s.runner->extract(o->file, doc); !st.is_ok()) {
      std::cerr << "kansa: cannot inspect " << o->file << ": " << st.message() << "\n";
      return int(kExitSomeFailed);
    }
    std::optional<std::string> code;
    if (!o->municipality_code.empty()) code = o->municipality_code;
    Extraction extraction;
    interpret::Explanation explanation;
    try {
      // The extraction from the very call ingest's workers make, so that what is shown is
      // what ingest stores; the explanation is the same reading done again with its account.
      extraction = s.runner->interpret(doc, code);
      interpret::Options options;
      options.vocabulary_path = s.definition.vocabulary_path;
      options.municipalities = &s.runner->municipalities();
      options.municipality_code = code;
      explanation = interpret::explain(doc, options);
    } catch (const std::exception& e) {
      std::cerr << "kansa: " << e.what() << "\n";
      return int(kExitSetup);
    }
    const std::string name = s.definition.name.empty() ? o->pipeline : s.definition.name;
    nlohmann::ordered_json report = inspect_report({&doc, &extraction, &explanation, name});
    if (o->json)
      std::cout << report.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    else
      print_inspect_report(report, stdout);
    return int(kExitOk);
  };
}

}  // namespace kansa::cli
