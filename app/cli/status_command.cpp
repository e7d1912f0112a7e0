// xun status --db FILE [--json]
#include "commands.h"
#include "output.h"
#include "scan/fs_path.h"
#include "store/index_store.h"

namespace xun::cli {

int run_status(const Arguments& arguments) {
  auto store = core::IndexStore::open_read_only(QString::fromStdString(*arguments.db));
  if (!store) {
    print_error(store.error().message);
    return kExitFailure;
  }
  auto status = (*store)->status();
  if (!status) {
    print_error(status.error().message);
    return kExitFailure;
  }
  nlohmann::ordered_json folders = nlohmann::ordered_json::array();
  for (const core::StoreStatus::Folder& f : status->folders)
    folders.push_back({{"path", core::displayed_path(f.folder.path).toStdString()},
                       {"documents", f.documents},
                       {"chunks", f.chunks},
                       {"watching", f.folder.watching},
                       {"last_indexed_ms", f.folder.last_indexed_ms ? nlohmann::ordered_json(*f.folder.last_indexed_ms)
                                                                    : nlohmann::ordered_json(nullptr)}});
  nlohmann::ordered_json models = nlohmann::ordered_json::array();
  for (const core::ModelRecord& model : status->models) {
    nlohmann::ordered_json vectors = nlohmann::ordered_json::array();
    for (const core::StoreStatus::Vectors& v : status->vectors)
      if (v.model.id == model.id) vectors.push_back({{"dimension", v.dimension}, {"vectors", v.vectors}});
    const bool builds_index = status->index_model && status->index_model->model.id == model.id;
    models.push_back({{"fingerprint", model.fingerprint.toStdString()},
                      {"path", model.path.toStdString()},
                      {"kind", model.kind.toStdString()},
                      {"dimension", model.dimension},
                      {"index_model", builds_index},
                      {"vectors", vectors}});
  }
  const nlohmann::ordered_json line = {{"folders", folders},  {"documents", status->documents},
                                       {"chunks", status->chunks}, {"models", models},
                                       {"bytes", status->bytes}};
  if (arguments.json) return write_json_lines(std::span(&line, 1)) ? kExitOk : kExitFailure;
  std::string text = std::to_string(status->documents) + " documents, " + std::to_string(status->chunks) +
                     " chunks, " + std::to_string(status->bytes / 1024) + " KiB\n";
  for (const auto& folder : line["folders"])
    text += "  folder " + terminal_safe(folder["path"].get<std::string>()) + ": " + std::to_string(folder["documents"].get<int64_t>()) +
            " documents\n";
  for (const auto& model : line["models"])
    text += "  model " + terminal_safe(model["path"].get<std::string>()) + " (" + model["kind"].get<std::string>() + ")" +
            (model["index_model"].get<bool>() ? ", builds the index" : "") + "\n";
  return write_text(text) ? kExitOk : kExitFailure;
}

}  // namespace xun::cli
