#pragma once

#include <QVariantMap>
#include <QWidget>

class QHBoxLayout;
class QTimer;

namespace Bursar::Ui {

class FilterWidget;

// Lays out a list's filters and combines them: changed() says the filter as a whole is new, at once
// for a choice, after a short pause in typing for typed filters (150 ms, so typing an id is one query). state() is every active
// filter's value by key (what saved filters store); setState() puts one back and applies at once.
// The panel reads the typed values of its filters in its changed() slot and makes its query.
//
//   auto* search = bar->add(new TextFilter(u"orderSearch"_s, [] { return tr("Order, e-mail…"); }), 3);
//   auto* status = bar->add(new StatusChoiceFilter(u"paymentFilter"_s, StatusKind::Payment, ...));
//   connect(bar, &FilterBar::changed, this, &MyPanel::applyFilter);
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    explicit FilterBar(QWidget* parent = nullptr);
    ~FilterBar() override;

    // Takes the filter (the bar becomes its parent) and returns it, for its typed value.
    template<typename F>
    F* add(F* filter, int stretch = 0)
    {
        addFilter(filter, stretch);
        return filter;
    }
    void addFilter(FilterWidget* filter, int stretch = 0);
    void addStretch();
    const QList<FilterWidget*>& filters() const { return m_filters; }
    FilterWidget* filter(const QString& key) const;

    QVariantMap state() const;             // active filters only
    void setState(const QVariantMap& state); // the others are cleared; applies at once
    void clearAll();                         // applies at once
    bool isPending() const;                  // an edit waits for its pause

    int delay() const;
    void setDelay(int ms);

public Q_SLOTS:
    void applyNow(); // skips the pause (Return in the search box)
    void schedule(); // restarts the pause

Q_SIGNALS:
    void changed();

private:
    QHBoxLayout* m_layout;
    QTimer* m_pause;
    QList<FilterWidget*> m_filters;
};

} // namespace Bursar::Ui
