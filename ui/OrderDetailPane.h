#pragma once

#include "db/OrdersRepository.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTabWidget;

namespace Bursar::Db {
class Database;
}

namespace Bursar::Ui {

class MessageBanner;

// The side pane of the Orders panel: one order's money waterfall (with the add-up check, red with
// the difference when the parts do not add up), its timeline, staff notes (add one; author and
// time are set by the database) and links to the seller, the buyer and the Stripe Dashboard.
// Loads on a Database worker; a newer showOrder() drops older answers.
class OrderDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderDetailPane)

public:
    explicit OrderDetailPane(QWidget* parent = nullptr);
    ~OrderDetailPane() override;

    void setDatabase(Db::Database* database);
    void setLiveMode(bool live);
    // What the signed-in staff member may do here (the console context's StaffMember): "Refund…" and
    // "Add note" are enabled only when PostgreSQL would accept them (it checks again on the write).
    void setPermissions(bool mayRefund, bool mayAddNotes);
    void showOrder(qint64 orderId);
    void reload();
    void clear();

    qint64 orderId() const { return m_orderId; }
    bool isLoaded() const { return m_loaded; }
    const Db::OrderDetail& detail() const { return m_detail; }
    QString checkText() const;
    QString dashboardUrl() const;
    int timelineCount() const;
    // Adds a note as the connected user (the text box's content when body is empty).
    void addNote(const QString& body = {});

Q_SIGNALS:
    void loaded(qint64 orderId);
    void sellerRequested(qint64 sellerId, const QString& name);
    void buyerRequested(const QString& email);
    void noteAdded(qint64 orderId);
    void refundRequested(qint64 orderId); // "Refund…": the Orders panel asks the console context for a refund

private:
    void render();
    void openLink(const QString& link);

    QPointer<Db::Database> m_db;
    MessageBanner* m_banner;
    QLabel* m_title;
    QLabel* m_subtitle;
    QLabel* m_links;
    QTreeWidget* m_waterfall;
    QLabel* m_check;
    QTabWidget* m_tabs;
    QTreeWidget* m_timeline;
    QTreeWidget* m_notes;
    QPlainTextEdit* m_noteEdit;
    QPushButton* m_addNote;
    QPushButton* m_refund;
    Db::OrderDetail m_detail;
    qint64 m_orderId = 0;
    quint64 m_generation = 0;
    bool m_loaded = false;
    bool m_live = false;
    bool m_mayRefund = true;
    bool m_mayAddNotes = true;
};

} // namespace Bursar::Ui
