// Runs a lab comparison on the search thread (through SearchService::run, never on the GUI
// thread): builds one pool of candidate passages for the query, then lets each variant rank
// that same pool with its own models and instructions. Every engine result goes through the
// index: passage vectors are read where stored and otherwise computed once and stored, query
// embeddings and rerank scores through their caches, so running a comparison again, or a
// variant that shares a model with another, computes nothing twice.
#pragma once

#include <atomic>
#include <mutex>

#include <QString>

#include "lab/lab_types.h"
#include "services/model_host.h"
#include "services/search_service.h"

namespace xun::gui {

// Shared by the page (GUI thread) and the run (search thread): cancellation and progress.
class LabRunControl {
 public:
  struct Progress {
    int done = 0;   // steps finished: the pool, then one per variant
    int total = 0;
    QString stage;  // what runs now, for the status line
  };

  void cancel() { cancelled_ = true; }
  bool cancelled() const { return cancelled_; }
  void report(int done, int total, const QString& stage);
  void report_stage(const QString& stage);
  Progress progress() const;

 private:
  std::atomic<bool> cancelled_{false};
  mutable std::mutex mutex_;
  Progress progress_;
};

// The comparison `request` asks for. A variant that cannot run (its model does not load, no
// model is loaded) gets its LabRanking::error and the others still run. Fails when the pool
// cannot be read, or when cancelled (then control.cancelled() is true).
// `host` loads the models a variant names by path (ModelHost::load_extra).
Result<LabComparison> run_lab(SearchContext& context, ModelHost& host, const LabRequest& request,
                              LabRunControl& control);

}  // namespace xun::gui
