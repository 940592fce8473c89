// bursar-cli: Bursar's headless console on the same core as the GUI, for scripts and operators.
#include "Cli.h"

#include "db/Database.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {

namespace {
QList<Command>& registry()
{
    static QList<Command> list;
    return list;
}
} // namespace

Registration::Registration(Command c)
{
    registry().append(std::move(c));
}

const QList<Command>& commands()
{
    return registry();
}

QString option(const QStringList& args, const QString& name, const QString& def)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == name && i + 1 < args.size())
            return args.at(i + 1);
        if (args.at(i).startsWith(name + u'='))
            return args.at(i).mid(name.size() + 1);
    }
    return def;
}

bool flag(const QStringList& args, const QString& name)
{
    return args.contains(name);
}

qint64 intOption(const QStringList& args, const QString& name, qint64 def, qint64 min, qint64 max, QString* error)
{
    const QString v = option(args, name);
    if (v.isEmpty())
        return def;
    bool ok = false;
    const qint64 n = v.toLongLong(&ok);
    if (!ok || n < min || n > max) {
        *error = QCoreApplication::translate("bursar-cli", "%1 must be a whole number from %2 to %3, not \"%4\".")
                     .arg(name).arg(min).arg(max).arg(v);
        return def;
    }
    return n;
}

} // namespace Bursar::Cli

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bursar"_s);
    QCoreApplication::setOrganizationName(u"Bursar"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BURSAR_VERSION));
    QLoggingCategory::setFilterRules(u"bursar.*.debug=false"_s);

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = app.arguments().mid(1);

    // Global options: --db DSN, --role ROLE, --json.
    QString dsn = qEnvironmentVariable("BURSAR_DB");
    QString role = qEnvironmentVariable("BURSAR_ROLE");
    bool json = false;
    for (qsizetype i = 0; i < args.size();) {
        if ((args.at(i) == u"--db"_s || args.at(i) == u"--role"_s) && i + 1 < args.size()) {
            (args.at(i) == u"--db"_s ? dsn : role) = args.at(i + 1);
            args.remove(i, 2);
        } else if (args.at(i) == u"--json"_s) {
            json = true;
            args.remove(i);
        } else {
            ++i;
        }
    }

    const QString name = args.isEmpty() ? u"help"_s : args.takeFirst();
    const auto& all = Bursar::Cli::commands();
    const auto it = std::find_if(all.cbegin(), all.cend(), [&](const auto& c) { return c.name == name; });
    if (name == u"help"_s || name == u"--help"_s || name == u"-h"_s || it == all.cend()) {
        QTextStream& s = it == all.cend() && name != u"help"_s && !name.startsWith(u'-') ? err : out;
        if (&s == &err)
            s << "bursar-cli: unknown command \"" << name << "\"\n\n";
        s << "Usage: bursar-cli [--db DSN] [--role support|finance|admin|viewer] [--json] COMMAND [options]\n\n"
             "The database comes from --db or BURSAR_DB (a libpq connection string or postgresql:// URL).\n\nCommands:\n";
        for (const auto& c : all)
            s << "  " << c.usage.leftJustified(54) << ' ' << c.summary << '\n';
        s.flush();
        return &s == &err ? Bursar::Cli::Usage : Bursar::Cli::Ok;
    }

    std::unique_ptr<Bursar::Db::Database> db;
    Bursar::Cli::Context ctx{args, json, out, err, {}};
    ctx.database = [&]() -> Bursar::Db::Database* {
        if (db)
            return db.get();
        QString error;
        auto config = Bursar::Db::ConnectionConfig::parse(dsn, &error);
        if (error.isEmpty()) {
            config.role = role.trimmed().toLower();
            if (!config.role.isEmpty() && !Bursar::Db::ConnectionConfig::isKnownRole(config.role))
                error = u"The role \"%1\" is unknown; use support, finance, admin or viewer."_s.arg(config.role);
        }
        if (!error.isEmpty()) {
            err << "bursar-cli: " << error << Qt::endl;
            return nullptr;
        }
        config.applicationName = u"bursar-cli"_s;
        Bursar::Db::Database::Options options{1, std::chrono::seconds(20)};
        options.customPlans = name != u"agent"_s; // the agent's work is PL/pgSQL run over and over
        auto candidate = std::make_unique<Bursar::Db::Database>(config, options);
        try {
            candidate->open().waitForFinished();
        } catch (const Bursar::Db::Error& e) {
            err << "bursar-cli: " << e.message() << Qt::endl;
            return nullptr;
        }
        db = std::move(candidate);
        return db.get();
    };
    int code = Bursar::Cli::Failed;
    try {
        code = it->run(ctx);
    } catch (const Bursar::Db::Error& e) {
        err << "bursar-cli: " << e.message() << Qt::endl;
        code = e.isConnectionLost() ? Bursar::Cli::DatabaseUnavailable : Bursar::Cli::Failed;
    }
    out.flush();
    err.flush();
    db.reset();
    return code;
}
