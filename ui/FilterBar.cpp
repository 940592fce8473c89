#include "FilterBar.h"

#include "FilterWidget.h"

#include <QHBoxLayout>
#include <QTimer>

namespace Bursar::Ui {

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
    , m_pause(new QTimer(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    m_pause->setSingleShot(true);
    m_pause->setInterval(150);
    connect(m_pause, &QTimer::timeout, this, &FilterBar::changed);
}

FilterBar::~FilterBar() = default;

void FilterBar::addFilter(FilterWidget* filter, int stretch)
{
    filter->setParent(this);
    m_layout->addWidget(filter, stretch);
    m_filters.append(filter);
    connect(filter, &FilterWidget::changed, this, [this, filter] {
        if (filter->isTyped())
            schedule();
        else
            applyNow();
    });
}

void FilterBar::addStretch()
{
    m_layout->addStretch(1);
}

FilterWidget* FilterBar::filter(const QString& key) const
{
    for (FilterWidget* f : m_filters)
        if (f->key() == key)
            return f;
    return nullptr;
}

QVariantMap FilterBar::state() const
{
    QVariantMap s;
    for (const FilterWidget* f : m_filters)
        if (const QVariant v = f->value(); !v.isNull())
            s.insert(f->key(), v);
    return s;
}

void FilterBar::setState(const QVariantMap& state)
{
    for (FilterWidget* f : m_filters)
        f->setValue(state.value(f->key()));
    applyNow();
}

void FilterBar::clearAll()
{
    setState({});
}

bool FilterBar::isPending() const
{
    return m_pause->isActive();
}

int FilterBar::delay() const
{
    return m_pause->interval();
}

void FilterBar::setDelay(int ms)
{
    m_pause->setInterval(ms);
}

void FilterBar::applyNow()
{
    m_pause->stop();
    Q_EMIT changed();
}

void FilterBar::schedule()
{
    m_pause->start();
}

} // namespace Bursar::Ui
