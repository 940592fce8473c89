#include "RefundDetailPane.h"

#include "StatusBadgeDelegate.h"

#include "core/Status.h"
#include "services/RefundPolicy.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QScopeGuard>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

using Core::Status;
using Core::StatusKind;

namespace {
// The catalogue entries shown for a refund, most telling first: what the list shows (its journal row's
// state while the agent has it or a person must look), the refund's own status when that differs, then
// its approval when one is needed.
QList<const Status::Entry*> badgesOf(const Db::RefundRow& r)
{
    QList<const Status::Entry*> badges;
    const Status::Entry* shown = Status::ofRefund(r.status, r.operationState);
    const Status::Entry* own = Status::find(StatusKind::Refund, r.status);
    badges << shown;
    if (own != shown)
        badges << own;
    if (r.approvalState != u"not_required")
        badges << Status::find(StatusKind::Approval, r.approvalState);
    badges.removeAll(nullptr);
    return badges;
}

QLabel* valueLabel(QWidget* parent)
{
    auto* l = new QLabel(parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    l->setWordWrap(true);
    return l;
}
} // namespace

RefundDetailPane::RefundDetailPane(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_amount(new QLabel(this))
    , m_badges(new QLabel(this))
    , m_next(new QLabel(this))
    , m_form(new QFormLayout)
    , m_order(valueLabel(this))
    , m_reason(valueLabel(this))
    , m_requestedBy(valueLabel(this))
    , m_approvedBy(valueLabel(this))
    , m_created(valueLabel(this))
    , m_stripeId(valueLabel(this))
    , m_why(valueLabel(this))
    , m_note(valueLabel(this))
    , m_empty(new QLabel(this))
{
    setObjectName(u"refundDetail"_s);
    QFont title = m_title->font();
    title.setPointSizeF(title.pointSizeF() * 1.3);
    title.setBold(true);
    m_title->setFont(title);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont amount = m_amount->font();
    amount.setPointSizeF(amount.pointSizeF() * 1.3);
    m_amount->setFont(amount);
    m_badges->setObjectName(u"refundBadges"_s);
    m_badges->setTextFormat(Qt::RichText);
    m_next->setObjectName(u"refundNextStep"_s);
    m_next->setWordWrap(true);
    m_order->setObjectName(u"refundOrderLink"_s);
    m_order->setTextFormat(Qt::RichText);
    m_why->setObjectName(u"refundWhy"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(u"color: palette(mid);"_s);
    connect(m_order, &QLabel::linkActivated, this, [this] {
        if (m_row)
            Q_EMIT orderRequested(m_row->orderId, m_row->publicId);
    });

    // Stripe's refund ids are long: the title wraps rather than widening the pane.
    m_title->setWordWrap(true);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* state = new QHBoxLayout;
    state->addWidget(m_amount);
    state->addWidget(m_badges, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(state);
    layout->addWidget(m_next);
    layout->addLayout(m_form);
    layout->addWidget(m_empty, 1);
    layout->addStretch();
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (QLabel* l : {m_order, m_reason, m_requestedBy, m_approvedBy, m_created, m_stripeId, m_why, m_note}) {
        auto* label = new QLabel(this);
        label->setStyleSheet(u"color: palette(dark);"_s);
        m_form->addRow(label, l);
    }
    setMinimumWidth(320);
    render();
}

RefundDetailPane::~RefundDetailPane() = default;

void RefundDetailPane::showRefund(const Db::RefundRow& row)
{
    m_row = row;
    render();
}

void RefundDetailPane::clear()
{
    m_row.reset();
    render();
}

QString RefundDetailPane::statusText() const
{
    if (!m_row)
        return {};
    QStringList words;
    for (const Status::Entry* e : badgesOf(*m_row))
        words << e->text();
    return words.join(u" · "_s);
}

QString RefundDetailPane::nextStepText() const
{
    return m_next->text();
}

void RefundDetailPane::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        render();
    QWidget::changeEvent(event);
}

void RefundDetailPane::render()
{
    const bool shown = m_row.has_value();
    for (QWidget* w : std::initializer_list<QWidget*>{m_title, m_amount, m_badges, m_next})
        w->setVisible(shown);
    // Qt 6.4's QFormLayout lays out from inside setRowVisible() and writes past its row cache while
    // rows change (valgrind: an invalid write in QFormLayout::heightForWidth): lay out once, after.
    // The rows below change too: the layout stays off until the end of render(), then lays out once with
    // the labels' new heights for their width (wrapped values were clipped to one line otherwise).
    layout()->setEnabled(false);
    const auto layOut = qScopeGuard([this] {
        layout()->setEnabled(true);
        layout()->invalidate();
        layout()->activate();
    });
    for (int i = 0; i < m_form->rowCount(); ++i)
        m_form->setRowVisible(i, shown);
    m_empty->setVisible(!shown);
    m_empty->setText(tr("Select a refund to see its details."));
    if (!shown)
        return;
    const Db::RefundRow& r = *m_row;

    //: %1 Bursar's number of the refund (Stripe's id, re_…, is shown below once Stripe has one)
    m_title->setText(tr("Refund %1").arg(QLocale().toString(r.id)));
    m_amount->setText(r.amount.format());

    QStringList badges;
    for (const Status::Entry* e : badgesOf(r)) {
        const auto [bg, fg] = StatusBadgeDelegate::colors(e->tone, palette());
        badges << u"<span style=\"background:%1; color:%2;\">&nbsp;%3&nbsp;</span>"_s.arg(bg.name(), fg.name(),
                                                                                             e->text().toHtmlEscaped());
    }
    m_badges->setText(badges.join(u"&nbsp;"_s));

    QString next;
    if (r.operationState == u"needs_attention")
        next = tr("The Bursar agent set this refund aside: someone must look at its journal row before it is sent "
                  "again.");
    else if (r.approvalState == u"awaiting_approval")
        next = tr("Waits for a finance or admin user other than %1 to approve or reject it.").arg(r.requestedBy);
    else if (r.approvalState == u"rejected")
        next = tr("Rejected: nothing was sent to Stripe.");
    else if (r.status == u"pending" && !r.stripeRefundId.isEmpty() && r.operationState != u"pending")
        next = tr("Stripe is processing it; the Bursar agent asks again and records the answer.");
    else if (r.status == u"not_submitted" || r.status == u"pending" || r.operationState == u"pending")
        next = tr("Recorded; the Bursar agent sends it to Stripe and records the answer.");
    else if (r.status == u"failed" || r.status == u"canceled")
        next = tr("Stripe did not refund it. Retry sends a new refund with the same rules.");
    else if (r.status == u"succeeded")
        next = tr("Refunded to the buyer.");
    m_next->setText(next);

    auto setRow = [this](QLabel* field, const QString& label, const QString& value) {
        if (auto* l = qobject_cast<QLabel*>(m_form->labelForField(field)))
            l->setText(label);
        field->setText(value);
        int formRow = -1;
        QFormLayout::ItemRole role;
        m_form->getWidgetPosition(field, &formRow, &role);
        m_form->setRowVisible(formRow, !value.isEmpty());
    };
    const auto reason = Services::refundReasonFromCode(r.reason);
    setRow(m_order, tr("Order"), u"<a href=\"order\">%1</a>"_s.arg(r.publicId.toHtmlEscaped()));
    setRow(m_reason, tr("Reason"), reason ? Services::refundReasonText(*reason) : r.reason);
    setRow(m_requestedBy, tr("Requested by"), r.requestedBy);
    setRow(m_approvedBy, r.approvalState == u"rejected" ? tr("Rejected by") : tr("Approved by"), r.approvedBy);
    setRow(m_created, tr("Requested"), QLocale().toString(r.createdAt.toLocalTime(), QLocale::LongFormat));
    setRow(m_stripeId, tr("Stripe refund"), r.stripeRefundId);
    setRow(m_why, r.approvalState == u"rejected" ? tr("Why rejected") : tr("Stripe's reason"), r.failureReason);
    setRow(m_note, tr("Note"), r.note);
}

} // namespace Bursar::Ui
