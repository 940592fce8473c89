#include "AuditChain.h"

#include "db/Database.h"

#include <QCoreApplication>
#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

QFuture<AuditVerification> AuditVerification::run(Db::Database* db, qint64 from, qint64 to)
{
    return db->run([from, to](Db::Session& s) {
        auto tr = [](const char* t) { return QCoreApplication::translate("Bursar::Services::AuditVerification", t); };
        AuditVerification v;
        QByteArray previous;
        bool first = true;
        qint64 after = from > 0 ? from - 1 : 0;
        const qint64 last = to > 0 ? to : std::numeric_limits<qint64>::max();
        for (;;) {
            auto& q = s.exec(u"SELECT id, prev_hash, hash, bursar_audit_content(a) FROM audit_log a "
                             "WHERE id > ? AND id <= ? ORDER BY id LIMIT 5000"_s,
                             {after, last});
            int rows = 0;
            while (q.next()) {
                ++rows;
                ++v.checked;
                const qint64 id = q.value(0).toLongLong();
                const QByteArray prev = q.value(1).toByteArray();
                const QByteArray hash = q.value(2).toByteArray();
                const QByteArray content = q.value(3).toString().toUtf8();
                after = id;
                if (hash.size() != 32 || prev.size() != 32) {
                    v.firstBroken = id;
                    v.problem = tr("Audit row %1 has no hash: it was written around the chain.").arg(id);
                    return v;
                }
                if (!first && prev != previous) {
                    v.firstBroken = id;
                    v.problem = tr("Audit row %1 does not follow the row before it: a row was removed, inserted or "
                                   "re-chained.")
                                    .arg(id);
                    return v;
                }
                if (first && from <= 0 && prev != QByteArray(32, '\0')) {
                    v.firstBroken = id;
                    v.problem = tr("Audit row %1, the first, does not start the chain: earlier rows were removed.")
                                    .arg(id);
                    return v;
                }
                QCryptographicHash h(QCryptographicHash::Sha256);
                h.addData(prev);
                h.addData(content);
                if (h.result() != hash) {
                    v.firstBroken = id;
                    v.problem = tr("Audit row %1 was changed after it was written: its content no longer matches "
                                   "its hash.")
                                    .arg(id);
                    return v;
                }
                previous = hash;
                first = false;
            }
            if (rows < 5000)
                break;
        }
        v.headHash = QString::fromLatin1(previous.toHex());
        return v;
    });
}

} // namespace Bursar::Services
