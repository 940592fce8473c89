#pragma once

#include "core/Money.h"
#include "core/Status.h"

#include <QDate>
#include <QVariant>
#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QToolButton;

namespace Bursar::Ui {

// One filter of a list's filter bar (as qBittorrent's transfer-list filters are): a small widget with
// one value. The common interface is what the bar and the saved filters need: value() is the filter's
// state as a plain QVariant (null when the filter lets everything through), setValue() puts a state
// back without emitting changed(), changed() says the user edited it, retranslate() refills its
// words. Each subclass also answers its value typed (code(), range(), since()…), which is what a
// panel turns into its repository's filter. The key is the filter's name in saved states and its
// objectName (and that of its control, so tests find the QComboBox "paymentFilter").
class FilterWidget : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterWidget)

public:
    QString key() const { return objectName(); }
    virtual QVariant value() const = 0;
    virtual void setValue(const QVariant& value) = 0; // silent: no changed()
    void clear() { setValue({}); }
    bool isActive() const { return !value().isNull(); }
    virtual void retranslate() {}
    // Typed filters (text, amounts) wait for a pause in typing before the bar applies them; a choice
    // applies at once.
    virtual bool isTyped() const { return false; }

Q_SIGNALS:
    void changed();

protected:
    FilterWidget(const QString& key, QWidget* parent);
    void changeEvent(QEvent* event) override;
};

// Free text (search box): typed, so the bar waits for a pause before applying.
class TextFilter final : public FilterWidget
{
    Q_OBJECT
public:
    TextFilter(const QString& key, std::function<QString()> placeholder, QWidget* parent = nullptr);
    QString text() const; // trimmed
    QLineEdit* lineEdit() const { return m_edit; }
    QVariant value() const override;
    void setValue(const QVariant& value) override;
    void retranslate() override;
    bool isTyped() const override { return true; }
Q_SIGNALS:
    void returnPressed();
private:
    QLineEdit* m_edit;
    std::function<QString()> m_placeholder;
};

// One of a fixed list, or any (the first item). Items: (text as a function, so it retranslates; code).
class ChoiceFilter : public FilterWidget
{
    Q_OBJECT
public:
    using Items = std::function<QList<std::pair<QString, QVariant>>()>;
    ChoiceFilter(const QString& key, std::function<QString()> anyText, Items items, QWidget* parent = nullptr);
    std::optional<QString> code() const;
    QComboBox* comboBox() const { return m_combo; }
    QVariant value() const override;
    void setValue(const QVariant& value) override;
    void retranslate() override;
protected:
    QComboBox* m_combo;
    std::function<QString()> m_any;
    Items m_items;
};

// A status of one kind, from the catalogue (Core::Status: its words, its codes).
class StatusChoiceFilter final : public ChoiceFilter
{
    Q_OBJECT
public:
    StatusChoiceFilter(const QString& key, Core::StatusKind kind, std::function<QString()> anyText,
                       QWidget* parent = nullptr);
};

// Currency: any or one ISO code.
class CurrencyFilter final : public ChoiceFilter
{
    Q_OBJECT
public:
    explicit CurrencyFilter(const QString& key, QWidget* parent = nullptr);
    static const QStringList& currencies();
};

// Yes / no / any (with refund, without refund).
class TriStateFilter final : public ChoiceFilter
{
    Q_OBJECT
public:
    TriStateFilter(const QString& key, std::function<QString()> anyText, std::function<QString()> yesText,
                   std::function<QString()> noText, QWidget* parent = nullptr);
    std::optional<bool> state() const;
};

// Created within the last day, week, month, quarter, year.
class SinceFilter final : public ChoiceFilter
{
    Q_OBJECT
public:
    explicit SinceFilter(const QString& key, QWidget* parent = nullptr);
    // The start as epoch microseconds, at a whole minute (a re-applied filter is the same query).
    std::optional<qint64> sinceMicros() const;
};

// A money range as typed (in the locale), read in a currency; either end may be open.
class MoneyRangeFilter final : public FilterWidget
{
    Q_OBJECT
public:
    MoneyRangeFilter(const QString& key, std::function<QString()> minText, std::function<QString()> maxText,
                     QWidget* parent = nullptr);
    struct Range
    {
        std::optional<qint64> min; // minor units
        std::optional<qint64> max;
    };
    Range range(const Core::Currency& currency) const;
    void setRange(const Range& range, const Core::Currency& currency); // silent
    QVariant value() const override;
    void setValue(const QVariant& value) override;
    void retranslate() override;
    bool isTyped() const override { return true; }
private:
    QLineEdit* m_min;
    QLineEdit* m_max;
    std::function<QString()> m_minText;
    std::function<QString()> m_maxText;
};

// From one date to another, when its box is ticked.
class DateRangeFilter final : public FilterWidget
{
    Q_OBJECT
public:
    explicit DateRangeFilter(const QString& key, QWidget* parent = nullptr);
    QDate from() const; // invalid when off
    QDate to() const;
    QCheckBox* checkBox() const { return m_on; }
    QDateEdit* fromEdit() const { return m_from; }
    QDateEdit* toEdit() const { return m_to; }
    QVariant value() const override;
    void setValue(const QVariant& value) override;
    void retranslate() override;
private:
    QCheckBox* m_on;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QWidget* m_toLabel;
};

// One boolean toggle ("Awaiting approval").
class CheckFilter final : public FilterWidget
{
    Q_OBJECT
public:
    CheckFilter(const QString& key, std::function<QString()> text, QWidget* parent = nullptr);
    bool isChecked() const;
    QCheckBox* checkBox() const { return m_box; }
    QVariant value() const override;
    void setValue(const QVariant& value) override;
    void retranslate() override;
private:
    QCheckBox* m_box;
    std::function<QString()> m_text;
};

// A chip for a filter set from elsewhere (a seller from the order's detail): hidden when off, a
// click clears it. value(): {"id", "name"}.
class ChipFilter final : public FilterWidget
{
    Q_OBJECT
public:
    ChipFilter(const QString& key, std::function<QString(const QString& name)> text,
               std::function<QString()> toolTip, QWidget* parent = nullptr);
    std::optional<qint64> id() const { return m_id; }
    QString name() const { return m_name; }
    QToolButton* button() const { return m_button; }
    QVariant value() const override;
    void setValue(const QVariant& value) override;
    void retranslate() override;
private:
    QToolButton* m_button;
    std::optional<qint64> m_id;
    QString m_name;
    std::function<QString(const QString&)> m_text;
    std::function<QString()> m_toolTip;
};

} // namespace Bursar::Ui
