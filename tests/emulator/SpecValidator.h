#pragma once

// Stripe spec (spec3.subset.json) support shared by the emulator and its tests:
//  - FormNode / parseForm(): application/x-www-form-urlencoded with Stripe's bracket nesting
//    (metadata[k]=v, expand[]=a, evidence[x]=y, created[gte]=1, items[0][price]=p);
//  - Spec: routes (path templates -> operation), request validation with type coercion
//    (form strings -> typed JSON, Stripe's error codes and `param` names) and a small JSON-schema
//    validator for responses that honours `nullable` next to anyOf/enum, x-trimmed stubs and $ref.

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace Bursar::Emulator {

// One node of a parsed form body. A Map keeps insertion order; a List holds `key[]` appends.
struct FormNode
{
    enum class Kind { Leaf, Map, List };
    Kind kind = Kind::Map;
    QString value;                                  // Leaf
    QList<std::pair<QString, FormNode>> children;   // Map: (key, node); List: ("", node)

    FormNode* find(const QString& key);
    const FormNode* find(const QString& key) const;
};

struct FormParseResult
{
    FormNode root;
    QString errorParam; // non-empty: conflicting keys (e.g. a=1&a[b]=2)
    QString errorMessage;
};

// Parses a urlencoded body or query string. Never fails on bad percent-encoding (kept literally),
// '+' is a space. Empty names are ignored.
FormParseResult parseForm(const QByteArray& data);
// Merges `from` into `into` (query string params of a POST, for example). Returns false on conflict.
bool mergeForm(FormNode& into, const FormNode& from, QString* conflictParam);

// multipart/form-data (RFC 7578), as POST /v1/files is sent. Text parts keep Stripe's bracket names
// (expand[], file_link_data[create]); a part with a filename is a file part.
struct MultipartPart
{
    QString name;
    QString fileName;     // empty for text parts
    bool isFile = false;
    QByteArray contentType;
    QByteArray data;
};
struct MultipartParseResult
{
    QList<MultipartPart> parts;
    QString error; // non-empty: malformed body
};
MultipartParseResult parseMultipart(const QByteArray& body, const QByteArray& contentTypeHeader);

struct ValidationError
{
    QString type = QStringLiteral("invalid_request_error");
    QString code;    // parameter_unknown, parameter_missing, parameter_invalid_integer, ...
    QString param;   // Stripe-style name: evidence[receipt], metadata[k], items[0][price]
    QString message;
};

class Spec
{
public:
    struct Route
    {
        QString templ;          // "/v1/charges/{charge}"
        QString method;         // lowercase
        QJsonObject operation;
        QHash<QString, QString> pathParams;
    };

    bool load(const QByteArray& json, QString* error);
    bool isLoaded() const { return !m_paths.isEmpty(); }

    // nullopt: no such path. If the path exists with another method, *pathKnown is set.
    std::optional<Route> route(const QString& method, const QString& path, bool* pathKnown = nullptr) const;

    // Validates and converts the parameters of a request (form tree from body + query) against the
    // operation's request schema (plus query parameters). On success returns the typed JSON object.
    // The body schema is the application/x-www-form-urlencoded one, or multipart/form-data for
    // operations that only take that (POST /v1/files).
    std::optional<ValidationError> validateRequest(const Route& route, const FormNode& params,
                                                   QJsonObject* out) const;

    // Response check: returns human-readable problems (empty = valid). The schema is the operation's
    // response for `status` (or "default"). With strict, properties not declared in a schema that does
    // not allow additional properties are reported too.
    QStringList validateResponse(const Route& route, int status, const QJsonValue& body, bool strict) const;
    QStringList validateAgainst(const QJsonObject& schema, const QJsonValue& value, bool strict) const;
    // Component schema by name ("charge"), empty if unknown.
    QJsonObject schema(const QString& name) const;

    const QJsonObject& document() const { return m_doc; }

private:
    struct PathTemplate
    {
        QString templ;
        QStringList segments; // "{x}" marks a parameter
        QJsonObject methods;
    };

    QJsonObject resolve(const QJsonObject& schema) const;
    std::optional<ValidationError> coerce(const QJsonObject& schema, const FormNode& node,
                                          const QString& param, QJsonValue* out, int depth) const;
    void check(const QJsonObject& schema, const QJsonValue& value, const QString& path, bool strict,
               QStringList* problems, int depth) const;

    QJsonObject m_doc;
    QJsonObject m_schemas;
    QList<PathTemplate> m_paths;
};

// "a" + "b" -> "a[b]"; "" + "b" -> "b".
QString childParam(const QString& parent, const QString& key);

} // namespace Bursar::Emulator
