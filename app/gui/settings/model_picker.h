// Picks one model of one kind (embedding or reranker): the models found on disk in a combo, or
// a folder / .gguf file chosen by hand, with what the model is (size, dimension, precision) or
// why it cannot be used. Inspecting reads files, so it runs off the GUI thread.
#pragma once

#include <functional>

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

#include "models/model_discovery.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace xun::gui {

class ModelPicker final : public QWidget {
  Q_OBJECT

 public:
  ModelPicker(xun::ModelKind kind, QWidget* parent = nullptr);

  // The models to offer (those of another kind are left out); keeps the current path selected.
  void setCandidates(const QList<core::DiscoveredModel>& models);
  // Selects `path` (inspecting it if it is not among the candidates); "" selects "None".
  void setPath(const QString& path);
  QString path() const;

  // Asks for a folder or a .gguf file; tests replace it. Returns "" when the user cancels.
  std::function<QString(QWidget* parent, bool folder)> choosePath;

  void retranslate();

 signals:
  // The user picked another model ("" for none).
  void pathChosen(const QString& path);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void add_candidate(const core::DiscoveredModel& model);
  bool fits(const core::DiscoveredModel& model) const;  // usable, and of this picker's kind
  void on_index_changed(int index);
  void browse(bool folder);
  void show_details(const core::DiscoveredModel* model);

  xun::ModelKind kind_;
  QList<core::DiscoveredModel> models_;  // the combo's rows after "None", in order
  QComboBox* combo_ = nullptr;
  QPushButton* folder_button_ = nullptr;
  QPushButton* file_button_ = nullptr;
  QLabel* details_ = nullptr;
  QFutureWatcher<core::DiscoveredModel> inspecting_;
  bool updating_ = false;  // the combo is being refilled: not a user choice
};

// "1.2 GB", "596 MB": for sizes shown to users.
QString format_bytes(qint64 bytes);

}  // namespace xun::gui
