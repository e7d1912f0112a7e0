// What shapes a search besides its words: the mode (hybrid, semantic, keyword), reranking, and
// the filters by folder, file type and modification date. Semantic and hybrid need an
// embedding model and reranking a reranker: without them those choices are disabled, with a
// tooltip that says why, and the mode falls back to keyword until the model is there.
#pragma once

#include <QStringList>
#include <QVariantMap>
#include <QWidget>

#include "search/search_types.h"

class QCheckBox;
class QComboBox;
class QLabel;

namespace xun::gui {

class DateFilter;

class SearchOptionsBar final : public QWidget {
  Q_OBJECT

 public:
  explicit SearchOptionsBar(QWidget* parent = nullptr);

  core::SearchMode mode() const;
  // As if the user picked `mode` (it is kept as the preferred one).
  void setMode(core::SearchMode mode);
  // Reranking is asked for and a reranker is loaded.
  bool rerank() const;
  core::SearchFilters filters() const;

  // What the loaded models allow. While they load, the choices stay as they are.
  void setModels(bool embedding, bool reranker);
  // The indexed folders and the formats present: the filters' choices. A choice still offered
  // stays selected.
  void setChoices(const QStringList& folders, const QStringList& formats);

  // The choices a user expects back after a restart: the preferred mode, reranking, the
  // folder and type filters and a date preset (a custom range of days is left behind: it
  // belongs to one search). A filter restored before the choices are known stays chosen
  // if setChoices() still offers it. Restoring emits no changed().
  QVariantMap state() const;
  void restoreState(const QVariantMap& state);

 signals:
  void changed();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void apply_mode_availability();
  void fill_combo(QComboBox* combo, const QString& all_text, const QStringList& values);

  QComboBox* mode_ = nullptr;
  QCheckBox* rerank_ = nullptr;
  QLabel* filter_label_ = nullptr;
  QComboBox* folder_ = nullptr;
  QComboBox* type_ = nullptr;
  DateFilter* date_ = nullptr;
  bool embedding_ = false;
  bool reranker_ = false;
  core::SearchMode preferred_mode_ = core::SearchMode::hybrid;  // the user's choice
  bool applying_ = false;  // the mode combo changes because of the models, not the user
};

}  // namespace xun::gui
