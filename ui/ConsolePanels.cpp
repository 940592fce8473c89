#include "ConsolePanels.h"

#include "AuditPanel.h"
#include "ConsoleContext.h"
#include "EventsPanel.h"
#include "OrdersPanel.h"
#include "OverviewPanel.h"
#include "ReconcilePanel.h"
#include "RefundsPanel.h"
#include "RepairPanel.h"
#include "WalletsPanel.h"

#include <QCoreApplication>
#include <QIcon>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

namespace {
constexpr const char* Context = "Bursar::Ui::ConsolePanels";

template<typename P>
std::function<QWidget*(ConsoleContext&)> make()
{
    return [](ConsoleContext& context) -> QWidget* { return new P(context); };
}
} // namespace

QString PanelRegistration::translatedTitle() const
{
    return QCoreApplication::translate(Context, title);
}

QIcon PanelRegistration::icon() const
{
    const QIcon fallback = fallbackIcon.isEmpty() ? QIcon() : QIcon(fallbackIcon);
    return themeIcon.isEmpty() ? fallback : QIcon::fromTheme(themeIcon, fallback);
}

const QList<PanelRegistration>& consolePanels()
{
    static const QList<PanelRegistration> panels = {
        //: navigation entry: the live figures of the marketplace
        {u"overview"_s, QT_TRANSLATE_NOOP("Bursar::Ui::ConsolePanels", "Overview"), {}, u":/icons/overview.svg"_s,
         QKeySequence(Qt::CTRL | Qt::Key_1), make<OverviewPanel>()},
        {u"orders"_s, QT_TRANSLATE_NOOP("Bursar::Ui::ConsolePanels", "Orders"), u"view-list-details"_s,
         u":/icons/orders.svg"_s, QKeySequence(Qt::CTRL | Qt::Key_2), make<OrdersPanel>()},
        {u"refunds"_s, QT_TRANSLATE_NOOP("Bursar::Ui::ConsolePanels", "Refunds"), u"edit-undo"_s,
         u":/icons/refunds.svg"_s, QKeySequence(Qt::CTRL | Qt::Key_3), make<RefundsPanel>()},
        //: navigation entry: every seller's wallet and its ledger (finance)
        {u"wallets"_s, QT_TRANSLATE_NOOP("Bursar::Ui::ConsolePanels", "Wallets"), u"wallet-open"_s,
         u":/icons/wallets.svg"_s, QKeySequence(Qt::CTRL | Qt::Key_4), make<WalletsPanel>(),
         [](const Db::StaffMember& staff) { return staff.mayReadWallets; }},
        //: navigation entry: every Stripe event the agent stored and applied (every staff role reads them, 0009)
        {u"events"_s, QT_TRANSLATE_NOOP("Bursar::Ui::ConsolePanels", "Events"), {}, u":/icons/events.svg"_s,
         QKeySequence(Qt::CTRL | Qt::Key_5), make<EventsPanel>()},
        //: navigation entry: journal operations that need a person, with what Stripe says (finance)
        {u"repair"_s, QT_TRANSLATE_NOOP("Bursar::Ui::ConsolePanels", "Repair"), {}, u":/icons/repair.svg"_s,
         QKeySequence(Qt::CTRL | Qt::Key_6), make<RepairPanel>(), [](const Db::StaffMember& staff) { return staff.mayApproveRefunds; }},
        //: navigation entry: the differences between Stripe and the books (finance, admin)
        {u"reconcile"_s, QT_TRANSLATE_NOOP("Bursar::Ui::ConsolePanels", "Reconciliation"), {}, u":/icons/reconcile.svg"_s,
         QKeySequence(Qt::CTRL | Qt::Key_7), make<ReconcilePanel>(), [](const Db::StaffMember& s) { return s.isFinance; }},
        //: navigation entry: every staff and agent action, with the audit chain's state (finance, admin)
        {u"audit"_s, QT_TRANSLATE_NOOP("Bursar::Ui::ConsolePanels", "Audit log"), u"view-history"_s, u":/icons/audit.svg"_s,
         QKeySequence(Qt::CTRL | Qt::Key_9), make<AuditPanel>(), [](const Db::StaffMember& s) { return s.isFinance; }},
    };
    return panels;
}

} // namespace Bursar::Ui
