#include "IdentityRepository.h"

#include "Database.h"
#include "Session.h"

using namespace Qt::StringLiterals;

namespace Bursar::Db {

QString StaffMember::roleName() const
{
    if (!staffRole.isEmpty())
        return staffRole;
    const QString role = actingAs.isEmpty() ? currentUser : actingAs;
    return role.startsWith(u"bursar_"_s) ? role.mid(7) : role;
}

QFuture<StaffMember> IdentityRepository::staff(Database* db)
{
    return db->run([](Session& s) {
        StaffMember m;
        {
            auto& q = s.exec(u"SELECT session_user::text, current_user::text,"
                             " coalesce(has_function_privilege(to_regprocedure('bursar_whoami()'), 'EXECUTE'), false)"_s);
            q.next();
            m.login = q.value(0).toString();
            m.currentUser = q.value(1).toString();
            if (!q.value(2).toBool())
                return m;
        }
        auto& q = s.exec(
            u"SELECT w.acting_as, w.display_name, w.staff_role::text, coalesce(w.active, true),"
            " w.is_viewer, w.is_support, w.is_finance, w.is_admin,"
            " has_function_privilege('bursar_request_refund(bigint, bigint, refund_reason, text, text)', 'EXECUTE'),"
            " coalesce(has_function_privilege(to_regprocedure('bursar_add_note(bigint, text)'), 'EXECUTE'), false),"
            " has_function_privilege('bursar_staff_upsert(text, text, staff_role, boolean)', 'EXECUTE'),"
            " coalesce(has_table_privilege(to_regclass('wallet_overview'), 'SELECT')"
            "          AND has_table_privilege(to_regclass('wallet_ledger_entries'), 'SELECT')"
            "          AND has_function_privilege(to_regprocedure('bursar_wallet_verify(bigint)'), 'EXECUTE'), false)"
            " FROM bursar_whoami() w"_s);
        q.next();
        m.known = true;
        m.actingAs = q.value(0).toString();
        m.displayName = q.value(1).toString();
        m.staffRole = q.value(2).toString();
        m.active = q.value(3).toBool();
        m.isViewer = q.value(4).toBool();
        m.isSupport = q.value(5).toBool();
        m.isFinance = q.value(6).toBool();
        m.isAdmin = q.value(7).toBool();
        m.mayRequestRefunds = q.value(8).toBool();
        m.mayApproveRefunds = m.isFinance; // bursar_approve_refund checks bursar_require('bursar_finance')
        m.mayAddNotes = q.value(9).toBool();
        m.mayManageStaff = q.value(10).toBool();
        m.mayReadWallets = q.value(11).toBool();
        return m;
    });
}

QFuture<QString> IdentityRepository::currentUser(Database* db)
{
    return db->run([](Session& s) { return s.scalar(u"SELECT current_user::text"_s).toString(); });
}

QFuture<ServerProbe> IdentityRepository::probe(Database* db, bool retryAfterReconnect)
{
    return db->run(
        [](Session& s) {
            auto& q = s.exec(u"SELECT current_user::text, current_setting('server_version'),"
                             " to_regclass('public.orders') IS NOT NULL"_s);
            q.next();
            return ServerProbe{q.value(0).toString(), q.value(1).toString(), q.value(2).toBool()};
        },
        retryAfterReconnect);
}

} // namespace Bursar::Db
