#include "CsvExport.h"

#include "Database.h"
#include "Error.h"

#include <QDateTime>
#include <QFile>

using namespace Qt::StringLiterals;

namespace Bursar::Db::Csv {

QString field(const QString& v)
{
    QString out = v;
    if (!out.isEmpty() && (out.front() == u'=' || out.front() == u'+' || out.front() == u'-' || out.front() == u'@'))
        out.prepend(u'\'');
    if (out.contains(u',') || out.contains(u'"') || out.contains(u'\n') || out.contains(u'\r')) {
        out.replace(u"\""_s, u"\"\""_s);
        out = u'"' + out + u'"';
    }
    return out;
}

QByteArray line(const QStringList& fields)
{
    return fields.join(u',').toUtf8() + "\r\n";
}

QString timestamp(qint64 us)
{
    const qint64 ms = us >= 0 ? us / 1000 : (us - 999) / 1000;
    const int rest = int(us - ms * 1000);
    const QString t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s);
    return t + QString::number(rest).rightJustified(3, u'0') + u'Z';
}

QString boolean(bool value)
{
    return value ? u"true"_s : u"false"_s;
}

void write(QIODevice* out, const QByteArray& bytes)
{
    if (out->write(bytes) != bytes.size())
        throw Error(Error::Kind::Other, u"Could not write the export file: "_s + out->errorString());
}

QFuture<qint64> writeFile(Database* db, const QString& path, std::shared_ptr<std::atomic_bool> cancel, Writer writer,
                          Progress progress)
{
    return db->run([path, cancel, writer = std::move(writer), progress = std::move(progress)](Session& s) {
        QFile file(path + u".part"_s);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            throw Error(Error::Kind::Other, file.errorString());
        const qint64 rows = writer(s, &file, *cancel, progress);
        file.close();
        if (cancel->load()) {
            file.remove();
            return qint64(-1);
        }
        QFile::remove(path);
        if (!file.rename(path))
            throw Error(Error::Kind::Other, file.errorString());
        return rows;
    });
}

} // namespace Bursar::Db::Csv
