#include "FilterWidget.h"

#include "StatusFilter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QToolButton>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

namespace {
QHBoxLayout* tightLayout(QWidget* w)
{
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(4);
    return l;
}
} // namespace

FilterWidget::FilterWidget(const QString& key, QWidget* parent)
    : QWidget(parent)
{
    setObjectName(key);
}

void FilterWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

// --- TextFilter

TextFilter::TextFilter(const QString& key, std::function<QString()> placeholder, QWidget* parent)
    : FilterWidget(key, parent)
    , m_edit(new QLineEdit(this))
    , m_placeholder(std::move(placeholder))
{
    tightLayout(this)->addWidget(m_edit);
    m_edit->setObjectName(key);
    m_edit->setClearButtonEnabled(true);
    m_edit->setMaxLength(200);
    connect(m_edit, &QLineEdit::textChanged, this, &FilterWidget::changed);
    connect(m_edit, &QLineEdit::returnPressed, this, &TextFilter::returnPressed);
    setFocusProxy(m_edit);
    retranslate();
}

QString TextFilter::text() const
{
    return m_edit->text().trimmed();
}

QVariant TextFilter::value() const
{
    return text().isEmpty() ? QVariant() : QVariant(m_edit->text());
}

void TextFilter::setValue(const QVariant& value)
{
    const QSignalBlocker b(m_edit);
    m_edit->setText(value.toString());
}

void TextFilter::retranslate()
{
    if (m_placeholder)
        m_edit->setPlaceholderText(m_placeholder());
}

// --- ChoiceFilter

ChoiceFilter::ChoiceFilter(const QString& key, std::function<QString()> anyText, Items items, QWidget* parent)
    : FilterWidget(key, parent)
    , m_combo(new QComboBox(this))
    , m_any(std::move(anyText))
    , m_items(std::move(items))
{
    tightLayout(this)->addWidget(m_combo);
    m_combo->setObjectName(key);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &FilterWidget::changed);
    setFocusProxy(m_combo);
    retranslate();
}

std::optional<QString> ChoiceFilter::code() const
{
    if (m_combo->currentIndex() <= 0)
        return std::nullopt;
    return m_combo->currentData().toString();
}

QVariant ChoiceFilter::value() const
{
    return m_combo->currentIndex() > 0 ? m_combo->currentData() : QVariant();
}

void ChoiceFilter::setValue(const QVariant& value)
{
    const QSignalBlocker b(m_combo);
    m_combo->setCurrentIndex(value.isNull() ? 0 : std::max(0, m_combo->findData(value)));
}

void ChoiceFilter::retranslate()
{
    if (!m_items)
        return;
    const QSignalBlocker b(m_combo);
    const QVariant selected = value();
    m_combo->clear();
    m_combo->addItem(m_any ? m_any() : QString());
    for (const auto& [text, code] : m_items())
        m_combo->addItem(text, code);
    setValue(selected);
}

StatusChoiceFilter::StatusChoiceFilter(const QString& key, Core::StatusKind kind, std::function<QString()> anyText,
                                       QWidget* parent)
    : ChoiceFilter(key, std::move(anyText),
                   [kind] {
                       QList<std::pair<QString, QVariant>> items;
                       for (const Core::Status::Entry& e : Core::Status::entries(kind))
                           items.append({e.text(), e.code});
                       return items;
                   },
                   parent)
{
}

const QStringList& CurrencyFilter::currencies()
{
    static const QStringList c = {u"USD"_s, u"EUR"_s, u"GBP"_s, u"CAD"_s, u"AUD"_s, u"CHF"_s,
                                  u"SEK"_s, u"JPY"_s, u"KWD"_s, u"MXN"_s, u"BRL"_s, u"INR"_s};
    return c;
}

CurrencyFilter::CurrencyFilter(const QString& key, QWidget* parent)
    : ChoiceFilter(key, [] { return tr("Any currency"); },
                   [] {
                       QList<std::pair<QString, QVariant>> items;
                       for (const QString& c : currencies())
                           items.append({c, c});
                       return items;
                   },
                   parent)
{
}

TriStateFilter::TriStateFilter(const QString& key, std::function<QString()> anyText, std::function<QString()> yesText,
                               std::function<QString()> noText, QWidget* parent)
    : ChoiceFilter(key, std::move(anyText),
                   [yesText, noText] { return QList<std::pair<QString, QVariant>>{{yesText(), true}, {noText(), false}}; },
                   parent)
{
}

std::optional<bool> TriStateFilter::state() const
{
    const QVariant v = value();
    return v.isNull() ? std::nullopt : std::optional(v.toBool());
}

namespace {
constexpr int SinceDays[] = {1, 7, 30, 90, 365};
}

SinceFilter::SinceFilter(const QString& key, QWidget* parent)
    : ChoiceFilter(key, [] { return tr("Any time"); },
                   [] {
                       const QStringList texts = {tr("Last 24 hours"), tr("Last 7 days"), tr("Last 30 days"),
                                                  tr("Last 90 days"), tr("Last 12 months")};
                       QList<std::pair<QString, QVariant>> items;
                       for (qsizetype i = 0; i < texts.size(); ++i)
                           items.append({texts.at(i), SinceDays[i]});
                       return items;
                   },
                   parent)
{
}

std::optional<qint64> SinceFilter::sinceMicros() const
{
    const QVariant days = value();
    if (days.isNull())
        return std::nullopt;
    const qint64 nowMin = QDateTime::currentSecsSinceEpoch() / 60;
    return (nowMin * 60 - days.toLongLong() * 86400) * 1000000;
}

// --- MoneyRangeFilter

MoneyRangeFilter::MoneyRangeFilter(const QString& key, std::function<QString()> minText,
                                   std::function<QString()> maxText, QWidget* parent)
    : FilterWidget(key, parent)
    , m_min(new QLineEdit(this))
    , m_max(new QLineEdit(this))
    , m_minText(std::move(minText))
    , m_maxText(std::move(maxText))
{
    auto* l = tightLayout(this);
    m_min->setObjectName(key + u"Min"_s);
    m_max->setObjectName(key + u"Max"_s);
    for (QLineEdit* e : {m_min, m_max}) {
        e->setMaximumWidth(fontMetrics().averageCharWidth() * 11);
        e->setClearButtonEnabled(true);
        connect(e, &QLineEdit::textChanged, this, &FilterWidget::changed);
        l->addWidget(e);
    }
    retranslate();
}

MoneyRangeFilter::Range MoneyRangeFilter::range(const Core::Currency& currency) const
{
    auto read = [&](const QLineEdit* e) -> std::optional<qint64> {
        if (const auto m = Core::Money::parse(e->text(), currency, QLocale(), Core::Money::Sign::AllowZero).money)
            return m->minor();
        return std::nullopt;
    };
    return {read(m_min), read(m_max)};
}

void MoneyRangeFilter::setRange(const Range& r, const Core::Currency& c)
{
    const QSignalBlocker b1(m_min), b2(m_max);
    m_min->setText(r.min ? Core::Money(*r.min, c).toDecimalString() : QString());
    m_max->setText(r.max ? Core::Money(*r.max, c).toDecimalString() : QString());
}

QVariant MoneyRangeFilter::value() const
{
    if (m_min->text().trimmed().isEmpty() && m_max->text().trimmed().isEmpty())
        return {};
    return QVariantMap{{u"min"_s, m_min->text()}, {u"max"_s, m_max->text()}};
}

void MoneyRangeFilter::setValue(const QVariant& value)
{
    const QSignalBlocker b1(m_min), b2(m_max);
    const QVariantMap m = value.toMap();
    m_min->setText(m.value(u"min"_s).toString());
    m_max->setText(m.value(u"max"_s).toString());
}

void MoneyRangeFilter::retranslate()
{
    m_min->setPlaceholderText(m_minText ? m_minText() : QString());
    m_max->setPlaceholderText(m_maxText ? m_maxText() : QString());
}

// --- DateRangeFilter

DateRangeFilter::DateRangeFilter(const QString& key, QWidget* parent)
    : FilterWidget(key, parent)
    , m_on(new QCheckBox(this))
    , m_from(new QDateEdit(QDate::currentDate().addMonths(-1), this))
    , m_to(new QDateEdit(QDate::currentDate(), this))
    , m_toLabel(new QLabel(this))
{
    auto* l = tightLayout(this);
    m_on->setObjectName(key + u"On"_s);
    m_from->setObjectName(key + u"From"_s);
    m_to->setObjectName(key + u"To"_s);
    l->addWidget(m_on);
    l->addWidget(m_from);
    l->addWidget(m_toLabel);
    l->addWidget(m_to);
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setEnabled(false);
        connect(d, &QDateEdit::dateChanged, this, [this] {
            if (m_on->isChecked())
                Q_EMIT changed();
        });
    }
    connect(m_on, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        Q_EMIT changed();
    });
    retranslate();
}

QDate DateRangeFilter::from() const
{
    return m_on->isChecked() ? m_from->date() : QDate();
}

QDate DateRangeFilter::to() const
{
    return m_on->isChecked() ? m_to->date() : QDate();
}

QVariant DateRangeFilter::value() const
{
    if (!m_on->isChecked())
        return {};
    return QVariantMap{{u"from"_s, m_from->date()}, {u"to"_s, m_to->date()}};
}

void DateRangeFilter::setValue(const QVariant& value)
{
    const QSignalBlocker b1(m_on), b2(m_from), b3(m_to);
    const QVariantMap m = value.toMap();
    const bool on = !value.isNull();
    m_on->setChecked(on);
    m_from->setEnabled(on);
    m_to->setEnabled(on);
    if (on) {
        m_from->setDate(m.value(u"from"_s).toDate());
        m_to->setDate(m.value(u"to"_s).toDate());
    }
}

void DateRangeFilter::retranslate()
{
    m_on->setText(tr("From"));
    static_cast<QLabel*>(m_toLabel)->setText(tr("to"));
}

// --- CheckFilter

CheckFilter::CheckFilter(const QString& key, std::function<QString()> text, QWidget* parent)
    : FilterWidget(key, parent)
    , m_box(new QCheckBox(this))
    , m_text(std::move(text))
{
    tightLayout(this)->addWidget(m_box);
    m_box->setObjectName(key);
    connect(m_box, &QCheckBox::toggled, this, &FilterWidget::changed);
    setFocusProxy(m_box);
    retranslate();
}

bool CheckFilter::isChecked() const
{
    return m_box->isChecked();
}

QVariant CheckFilter::value() const
{
    return m_box->isChecked() ? QVariant(true) : QVariant();
}

void CheckFilter::setValue(const QVariant& value)
{
    const QSignalBlocker b(m_box);
    m_box->setChecked(value.toBool());
}

void CheckFilter::retranslate()
{
    if (m_text)
        m_box->setText(m_text());
}

// --- ChipFilter

ChipFilter::ChipFilter(const QString& key, std::function<QString(const QString&)> text,
                       std::function<QString()> toolTip, QWidget* parent)
    : FilterWidget(key, parent)
    , m_button(new QToolButton(this))
    , m_text(std::move(text))
    , m_toolTip(std::move(toolTip))
{
    tightLayout(this)->addWidget(m_button);
    m_button->setObjectName(key);
    m_button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_button, &QToolButton::clicked, this, [this] {
        clear();
        Q_EMIT changed();
    });
    hide();
}

QVariant ChipFilter::value() const
{
    if (!m_id)
        return {};
    return QVariantMap{{u"id"_s, *m_id}, {u"name"_s, m_name}};
}

void ChipFilter::setValue(const QVariant& value)
{
    const QVariantMap m = value.toMap();
    const qint64 id = m.value(u"id"_s).toLongLong();
    if (id > 0) {
        m_id = id;
        m_name = m.value(u"name"_s).toString();
    } else {
        m_id.reset();
        m_name.clear();
    }
    setVisible(m_id.has_value());
    retranslate();
}

void ChipFilter::retranslate()
{
    if (m_text)
        m_button->setText(m_id ? m_text(m_name) : QString());
    if (m_toolTip)
        m_button->setToolTip(m_toolTip());
}

} // namespace Bursar::Ui
