#pragma once

#include "db/OrdersRepository.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

namespace Bursar::Db {
class Database;
struct Change;
}
namespace Bursar::Models {
class OrdersModel;
}

namespace Bursar::Ui {

class ConsoleContext;
class MessageBanner;
class OrderDetailPane;

// The Orders panel: a filter bar (search box, payment and fulfilment status, currency, date range,
// amount range, refund and dispute flags, a seller chip), a paging table of orders with money and
// status delegates, and the order's detail on the right. Typing never waits: filter changes are
// debounced (150 ms) and the model drops pages of an older query. Ctrl+C copies the selected order
// ids; the column chooser, saved filters (QSettings) and a streamed CSV export are in the bar.
// Live: the context's change feed; changed rows are re-read in place, new ones appear on top. Answers the
// context's orderRequested and sellerOrdersRequested (the command palette's "go to"), and asks the context
// for a refund when the detail's "Refund…" is pressed (the Refunds panel answers).
class OrdersPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersPanel)

public:
    explicit OrdersPanel(ConsoleContext& context, QWidget* parent = nullptr);
    ~OrdersPanel() override;

    // The installation's Stripe mode (the context's, read by the main window): Dashboard links.
    bool isLiveMode() const { return m_liveMode; }

    Models::OrdersModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    OrderDetailPane* detailPane() const { return m_detail; }
    QLineEdit* searchBox() const { return m_search; }
    MessageBanner* banner() const { return m_banner; }

    // The filter as the bar shows it now (applied after the debounce).
    Db::OrderFilter currentFilter() const;
    void setFilter(const Db::OrderFilter& filter); // fills the bar and applies at once
    void applyNow();                                       // skip the debounce
    void setSellerFilter(qint64 sellerId, const QString& name);
    // Shows one order (the command palette's "go to"): clears the filters, searches its public id and
    // opens its detail at once.
    void showOrder(qint64 orderId, const QString& publicId);

    void copySelection();
    QString countText() const;

    // Saved filters (QSettings group "orders/savedFilters").
    QStringList savedFilterNames() const;
    void saveFilter(const QString& name);
    bool loadFilter(const QString& name);
    void removeFilter(const QString& name);
    QVariantMap barState() const;
    void setBarState(const QVariantMap& state);

    // Exports the current query to path on a worker; with a progress dialog unless quiet.
    void exportCsv(const QString& path, bool quiet = false);

Q_SIGNALS:
    void exportFinished(bool ok, qint64 rows, const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildFilterBar();
    void scheduleApply();
    void useDatabase(Db::Database* database);
    void setLiveMode(bool live);
    void onChanges(const QList<Db::Change>& changes);
    void flushChanges();
    void updateCount();
    void showCurrent();
    void chooseColumns();
    void showSavedMenu();
    void retranslate();

    ConsoleContext& m_context;
    QPointer<Db::Database> m_db;
    Models::OrdersModel* m_model;
    MessageBanner* m_banner;
    QLineEdit* m_search;
    QComboBox* m_payment;
    QComboBox* m_fulfilment;
    QComboBox* m_currency;
    QComboBox* m_period;
    QLineEdit* m_minAmount;
    QLineEdit* m_maxAmount;
    QComboBox* m_refund;
    QComboBox* m_dispute;
    QToolButton* m_sellerChip;
    QToolButton* m_columns;
    QToolButton* m_saved;
    QToolButton* m_export;
    QAction* m_copyIdAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_findAction = nullptr;
    QLabel* m_count;
    QTableView* m_view;
    QSplitter* m_splitter;
    OrderDetailPane* m_detail;
    QTimer* m_debounce;
    std::optional<qint64> m_sellerId;
    QString m_sellerName;
    QList<qint64> m_updatedIds;
    QList<qint64> m_insertedIds;
    bool m_refreshVisible = false;
    bool m_liveMode = false;
    bool m_refreshDetail = false;
};

} // namespace Bursar::Ui
