#pragma once

#include "TablePanel.h"

#include "db/OrdersRepository.h"

#include <QPointer>

class QLineEdit;

namespace Bursar::Db {
class Database;
struct Change;
}
namespace Bursar::Models {
class OrdersModel;
}

namespace Bursar::Ui {

class ChipFilter;
class CurrencyFilter;
class MoneyRangeFilter;
class OrderDetailPane;
class SinceFilter;
class StatusChoiceFilter;
class TextFilter;
class TriStateFilter;

// The Orders panel, a TablePanel: filters (search box, payment and fulfilment status, currency,
// period, gross range, refund and dispute flags, a seller chip), the paging table of orders and the
// order's detail on the right. Live: the context's change feed; changed rows are re-read in place,
// new ones appear on top. Answers the context's orderRequested and sellerOrdersRequested (the command
// palette's "go to"), and asks the context for a refund when the detail's "Refund…" is pressed.
class OrdersPanel final : public TablePanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersPanel)

public:
    explicit OrdersPanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~OrdersPanel() override;

    // The installation's Stripe mode (the context's, read by the main window): Dashboard links.
    bool isLiveMode() const { return m_liveMode; }

    Models::OrdersModel* model() const { return m_model; }
    OrderDetailPane* detailPane() const { return m_detail; }
    QLineEdit* searchBox() const;

    // The filter as the bar shows it now (applied after the pause).
    Db::OrderFilter currentFilter() const;
    void setFilter(const Db::OrderFilter& filter); // fills the bar and applies at once
    void applyNow();                               // skip the pause
    void setSellerFilter(qint64 sellerId, const QString& name);
    // Shows one order (the command palette's "go to"): clears the filters, searches its public id and
    // opens its detail at once.
    void showOrder(qint64 orderId, const QString& publicId);
    void copySelection() { copyIds(); }

protected:
    void retranslate() override;

private:
    void applyFilter();
    void useDatabase(Db::Database* database);
    void setLiveMode(bool live);
    void onChanges(const QList<Db::Change>& changes);
    void flushChanges();
    void showCurrent();

    Models::OrdersModel* m_model;
    QPointer<Db::Database> m_db;
    TextFilter* m_search;
    StatusChoiceFilter* m_payment;
    StatusChoiceFilter* m_fulfilment;
    CurrencyFilter* m_currency;
    SinceFilter* m_period;
    MoneyRangeFilter* m_gross;
    TriStateFilter* m_refund;
    TriStateFilter* m_dispute;
    ChipFilter* m_seller;
    QAction* m_findAction;
    OrderDetailPane* m_detail;
    QList<qint64> m_updatedIds;
    QList<qint64> m_insertedIds;
    bool m_refreshVisible = false;
    bool m_liveMode = false;
    bool m_refreshDetail = false;
};

} // namespace Bursar::Ui
