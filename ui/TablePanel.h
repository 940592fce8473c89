#pragma once

#include "MessageBanner.h"
#include "StatusBadgeDelegate.h"

#include "core/Status.h"
#include "db/Keyset.h"

#include <QFuture>
#include <QPointer>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>

class QAction;
class QHBoxLayout;
class QLabel;
class QProgressDialog;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

namespace Bursar::Db {
class Database;
}
namespace Bursar::Models {
class PagedTableModel;
}

namespace Bursar::Ui {

class ConsoleContext;
class FilterBar;

// What every list panel has, once: the message banner, the filter bar, a tool row (the count, clear
// filters, saved filters, the column chooser, CSV export), the paged view (one line per row, delegates chosen by
// what a column holds: money, status badge, date, id with copy) beside the panel's detail pane,
// header state (widths, order, hidden columns, sort) and saved filters kept in the typed settings
// under the panel's id, a streamed CSV export of the current query with progress and cancel, and
// retranslation. A list panel derives from it and adds its filters, its query and its detail:
//
//   WalletsPanel::WalletsPanel(ConsoleContext& context, QWidget* parent)
//       : TablePanel(context, u"wallets"_s, m_model = new WalletsModel, parent)
//   {
//       m_currency = filterBar()->add(new CurrencyFilter(u"currencyFilter"_s));
//       // money and status columns find their delegates by role (MoneyRole, StatusKindRole)
//       setIdColumn(int(Column::Seller), WalletsModel::SellerIdTextRole, [] { return tr("Copy seller id"); });
//       setColumnContents({...});                  // typical widths, then
//       restoreHeader();                           // the user's own widths, order and sort
//       setDetailPane(m_detail = new WalletDetailPane);
//       setExporter([this](auto db, auto path, auto cancel, auto progress, int pageSize) {
//           return Db::WalletsRepository::exportCsvFile(db, m_model->query(), path, cancel, progress, pageSize);
//       }, u"wallets.csv"_s);
//       connect(filterBar(), &FilterBar::changed, this, [this] { m_model->setQuery(queryFromFilters()); });
//   }
//
// The panel's own words go in an override of retranslate() that calls TablePanel::retranslate().
class TablePanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TablePanel)

public:
    using CountText = std::function<QString(const Db::RowCount& count)>;
    using Exporter = std::function<QFuture<qint64>(Db::Database* db, const QString& path,
                                                   std::shared_ptr<std::atomic_bool> cancel,
                                                   std::function<void(qint64)> progress, int pageSize)>;

    ~TablePanel() override;

    QString panelId() const { return m_id; }
    ConsoleContext& context() const { return m_context; }
    Models::PagedTableModel* pagedModel() const { return m_model; }
    QTableView* view() const { return m_view; }
    FilterBar* filterBar() const { return m_filters; }
    MessageBanner* banner() const { return m_banner; }
    QSplitter* splitter() const { return m_splitter; }
    // The row under the filters (count on the left); a panel may add its own buttons.
    QHBoxLayout* toolRow() const { return m_tools; }

    // --- messages: informational ones hide by themselves, the banner's rules
    void showMessage(const QString& text, MessageBanner::Type type);

    // --- saved filters (Settings::SavedFilters under the panel's id)
    QStringList savedFilterNames() const;
    void saveFilter(const QString& name); // the filter bar's state now
    bool loadFilter(const QString& name); // fills the bar and applies at once
    void removeFilter(const QString& name);

    // --- CSV export of the current query, streamed on a database worker
    void exportCsv(const QString& path, bool quiet = false); // with a progress dialog unless quiet
    void cancelExport();
    bool isExporting() const { return bool(m_exportCancel); }
    void setExportPageSize(int rows) { m_exportPageSize = rows; }

    void copyIds(); // the id of the selected rows (or the current one) to the clipboard, a line each
    QString countText() const;

    // Saves the header state now (it is also saved when it changes and when the panel goes).
    void saveHeader();

    // A second paged table for a detail pane (a wallet's ledger): the list's view without its settings,
    // one line per row, pages appended without a relayout, single selection, and the header sorting
    // through the model's whitelist (a click on a column outside it does nothing).
    static QTableView* createDetailTable(Models::PagedTableModel* model, QWidget* parent);

Q_SIGNALS:
    void exportProgress(qint64 rows);
    void exportFinished(bool ok, qint64 rows, const QString& message);

protected:
    TablePanel(ConsoleContext& context, const QString& id, Models::PagedTableModel* model, QWidget* parent);

    // --- set-up, from the subclass's constructor. Money and status columns the panel leaves alone get
    // their delegate from the model's roles when the first row arrives (MoneyRole, StatusKindRole).
    void setDetailPane(QWidget* pane, int listStretch = 5, int paneStretch = 3);
    void setMoneyColumns(const QList<int>& columns); // MoneyDelegate on MoneyRole
    void setStatusColumn(int column, Core::StatusKind kind, int statusRole);
    void setStatusColumn(int column, StatusBadgeDelegate::Resolver resolver);
    // A date column (RawValueRole: epoch microseconds): the exact instant on hover.
    void setDateColumn(int column);
    // The id column: Ctrl+C and the "copy id" action copy this role of the selected rows.
    void setIdColumn(int column, int idTextRole, std::function<QString()> copyActionText);
    // Default widths from what each column typically holds (pixels of content, one per column); the
    // header's title and sort arrow always fit.
    void setColumnContents(const QList<int>& contentWidths);
    // Puts back the header the user left (widths, order, hidden columns, sort), over the defaults.
    void restoreHeader();
    void setCountText(CountText text) { m_countText = std::move(text); }
    // What exportCsv() runs, and the file name the save dialog proposes.
    void setExporter(Exporter exporter, const QString& fileName, std::function<QString()> what);

    void changeEvent(QEvent* event) override;
    // Refills the panel's words (LanguageChange and once at the end of the subclass's constructor).
    virtual void retranslate();
    void updateCount();

private:
    void chooseColumns();
    // Columns the panel gave no delegate get one from what the first row holds: MoneyRole -> money,
    // StatusKindRole -> that kind's badges.
    void chooseDelegates();
    void showSavedMenu();
    void askExport();
    void finishExport(bool ok, qint64 rows, const QString& message, MessageBanner::Type tone);

    ConsoleContext& m_context;
    QString m_id;
    Models::PagedTableModel* m_model;
    MessageBanner* m_banner;
    FilterBar* m_filters;
    QHBoxLayout* m_tools;
    QLabel* m_count;
    QToolButton* m_clear;
    QToolButton* m_saved;
    QToolButton* m_columns;
    QToolButton* m_export;
    QTableView* m_view;
    QSplitter* m_splitter;
    QTimer* m_headerSave;
    QAction* m_copyIdAction;
    QAction* m_exportAction;
    CountText m_countText;
    Exporter m_exporter;
    QString m_exportFileName;
    std::function<QString()> m_exportWhat;
    std::function<QString()> m_copyText;
    int m_idColumn = 0;
    int m_idRole = -1;
    int m_exportPageSize = 2000;
    std::shared_ptr<std::atomic_bool> m_exportCancel;
    std::shared_ptr<std::atomic<qint64>> m_exportRows;
    QPointer<QProgressDialog> m_exportDialog;
    QTimer* m_exportPoll;
    bool m_loadFailed = false;
    bool m_headerRestored = false;
    bool m_delegatesChosen = false;
};

} // namespace Bursar::Ui
