#include "IdentityRepository.h"

#include "Database.h"
#include "Session.h"

using namespace Qt::StringLiterals;

namespace Bursar::Db {

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
