// The modification-date filter: any time, the past week, month or year, or a custom range of
// days (two date fields, shown only for it). Presets count back from the moment of the search.
#pragma once

#include <cstdint>
#include <optional>

#include <QWidget>

class QComboBox;
class QDateEdit;

namespace xun::gui {

class DateFilter final : public QWidget {
  Q_OBJECT

 public:
  enum class Range { any, week, month, year, custom };

  explicit DateFilter(QWidget* parent = nullptr);

  Range range() const;
  void setRange(Range range);
  // Bounds on the file's modification time, in ms since the epoch; unset: no bound.
  std::optional<int64_t> fromMs() const;
  std::optional<int64_t> toMs() const;

 signals:
  void changed();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QComboBox* range_ = nullptr;
  QDateEdit* from_ = nullptr;
  QDateEdit* to_ = nullptr;
};

}  // namespace xun::gui
