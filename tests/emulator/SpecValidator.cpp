#include "SpecValidator.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Emulator {

namespace {

constexpr int kMaxDepth = 40;

QString decodeComponent(QByteArray raw)
{
    raw.replace('+', ' ');
    // QByteArray::fromPercentEncoding keeps malformed sequences ("%zz", trailing "%") as they are.
    return QString::fromUtf8(QByteArray::fromPercentEncoding(raw));
}

// Splits "a[b][]" into {"a", "b", ""}. A malformed name (unbalanced brackets, junk between groups)
// is taken literally as one key, which then fails validation as an unknown parameter.
QStringList splitName(const QString& name)
{
    const qsizetype open = name.indexOf(u'[');
    if (open <= 0)
        return {name};
    QStringList parts{name.left(open)};
    qsizetype pos = open;
    while (pos < name.size()) {
        if (name.at(pos) != u'[')
            return {name};
        const qsizetype close = name.indexOf(u']', pos + 1);
        if (close < 0)
            return {name};
        parts.append(name.mid(pos + 1, close - pos - 1));
        pos = close + 1;
    }
    return parts;
}

bool isIndex(const QString& key)
{
    if (key.isEmpty() || key.size() > 6)
        return false;
    return std::all_of(key.cbegin(), key.cend(), [](QChar c) { return c.isDigit(); });
}

QJsonValue rawToJson(const FormNode& node, int depth)
{
    if (depth > kMaxDepth)
        return QJsonValue();
    switch (node.kind) {
    case FormNode::Kind::Leaf:
        return node.value;
    case FormNode::Kind::List: {
        QJsonArray a;
        for (const auto& c : node.children)
            a.append(rawToJson(c.second, depth + 1));
        return a;
    }
    case FormNode::Kind::Map: {
        QJsonObject o;
        for (const auto& c : node.children)
            o.insert(c.first, rawToJson(c.second, depth + 1));
        return o;
    }
    }
    return QJsonValue();
}

QString shortValue(const QString& v)
{
    return v.size() > 60 ? v.left(57) + u"..."_s : v;
}

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Bool: return u"boolean"_s;
    case QJsonValue::Double: return u"number"_s;
    case QJsonValue::String: return u"string"_s;
    case QJsonValue::Array: return u"array"_s;
    case QJsonValue::Object: return u"object"_s;
    case QJsonValue::Undefined: return u"undefined"_s;
    }
    return u"?"_s;
}

ValidationError makeError(const QString& code, const QString& param, const QString& message)
{
    ValidationError e;
    e.code = code;
    e.param = param;
    e.message = message;
    return e;
}

bool enumAllowsEmpty(const QJsonObject& s)
{
    return s.value("enum"_L1).toArray().contains(QJsonValue(QString()));
}

} // namespace

QString childParam(const QString& parent, const QString& key)
{
    return parent.isEmpty() ? key : parent + u'[' + key + u']';
}

FormNode* FormNode::find(const QString& key)
{
    for (auto& c : children)
        if (c.first == key)
            return &c.second;
    return nullptr;
}

MultipartParseResult parseMultipart(const QByteArray& body, const QByteArray& contentTypeHeader)
{
    MultipartParseResult result;
    // boundary parameter of the Content-Type header, possibly quoted
    QByteArray boundary;
    const QList<QByteArray> params = contentTypeHeader.split(';');
    for (qsizetype i = 1; i < params.size(); ++i) {
        const QByteArray p = params.at(i).trimmed();
        if (p.toLower().startsWith("boundary=")) {
            boundary = p.mid(9).trimmed();
            if (boundary.size() >= 2 && boundary.startsWith('"') && boundary.endsWith('"'))
                boundary = boundary.mid(1, boundary.size() - 2);
        }
    }
    if (boundary.isEmpty() || boundary.size() > 200) {
        result.error = u"Invalid multipart/form-data request: missing or invalid boundary."_s;
        return result;
    }
    const QByteArray delimiter = QByteArray("--") + boundary;
    const QByteArray partEnd = QByteArray("\r\n") + delimiter;
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0) {
        result.error = u"Invalid multipart/form-data request: no part found."_s;
        return result;
    }
    for (int guard = 0; guard < 200; ++guard) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return result; // closing delimiter
        if (body.mid(pos, 2) != "\r\n") {
            result.error = u"Invalid multipart/form-data request: malformed delimiter."_s;
            return result;
        }
        pos += 2;
        const qsizetype headerEnd = body.indexOf("\r\n\r\n", pos);
        const qsizetype next = body.indexOf(partEnd, pos);
        if (headerEnd < 0 || next < 0 || headerEnd > next) {
            result.error = u"Invalid multipart/form-data request: truncated part."_s;
            return result;
        }
        MultipartPart part;
        bool named = false;
        const QList<QByteArray> lines = body.mid(pos, headerEnd - pos).split('\n');
        for (const QByteArray& rawLine : lines) {
            const QByteArray line = rawLine.trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-type") {
                part.contentType = value.toLower();
            } else if (name == "content-disposition") {
                // form-data; name="x"; filename="y"   (quoted values may contain ';')
                static const QRegularExpression re(u"(?:^|;)\\s*(name|filename)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]*))"_s,
                                                   QRegularExpression::CaseInsensitiveOption);
                auto it = re.globalMatch(QString::fromUtf8(value));
                while (it.hasNext()) {
                    const auto m = it.next();
                    QString v = m.captured(2).isNull() ? m.captured(3) : m.captured(2);
                    v.replace(u"\\\""_s, u"\""_s);
                    if (m.captured(1).compare("name"_L1, Qt::CaseInsensitive) == 0) {
                        part.name = v;
                        named = true;
                    } else {
                        part.fileName = v;
                        part.isFile = true;
                    }
                }
            }
        }
        if (!named || part.name.isEmpty()) {
            result.error = u"Invalid multipart/form-data request: a part has no name."_s;
            return result;
        }
        part.data = body.mid(headerEnd + 4, next - headerEnd - 4);
        result.parts.append(part);
        pos = next + 2;
    }
    result.error = u"Invalid multipart/form-data request: too many parts."_s;
    return result;
}

const FormNode* FormNode::find(const QString& key) const
{
    for (const auto& c : children)
        if (c.first == key)
            return &c.second;
    return nullptr;
}

FormParseResult parseForm(const QByteArray& data)
{
    FormParseResult result;
    result.root.kind = FormNode::Kind::Map;
    const QList<QByteArray> pairs = data.split('&');
    for (const QByteArray& pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QString name = decodeComponent(eq < 0 ? pair : pair.left(eq));
        const QString value = eq < 0 ? QString() : decodeComponent(pair.mid(eq + 1));
        if (name.isEmpty())
            continue;
        const QStringList parts = splitName(name);
        if (parts.size() > kMaxDepth) {
            result.errorParam = parts.first();
            result.errorMessage = u"Parameters are nested too deeply."_s;
            return result;
        }
        FormNode* node = &result.root;
        QString param;
        for (qsizetype i = 0; i < parts.size(); ++i) {
            const QString& seg = parts.at(i);
            const bool last = i == parts.size() - 1;
            const QString segName = seg.isEmpty() ? QString() : seg;
            param = i == 0 ? seg : param + u'[' + seg + u']';
            const FormNode::Kind wantKind = last ? FormNode::Kind::Leaf
                                                 : (parts.at(i + 1).isEmpty() ? FormNode::Kind::List
                                                                              : FormNode::Kind::Map);
            auto conflict = [&] {
                result.errorParam = i == 0 ? seg : param;
                result.errorMessage = u"Invalid value for "_s + result.errorParam
                    + u": a parameter cannot be both a value and a hash or an array."_s;
            };
            if (seg.isEmpty() && i > 0) {
                // Array append: node must be a list.
                if (node->kind != FormNode::Kind::List) {
                    conflict();
                    return result;
                }
                if (last) {
                    FormNode leaf;
                    leaf.kind = FormNode::Kind::Leaf;
                    leaf.value = value;
                    node->children.append({QString(), leaf});
                    break;
                }
                // "a[][k]=v": reuse the last element if it is a map that does not have k yet (Rack rule).
                const QString nextKey = parts.at(i + 1);
                if (wantKind == FormNode::Kind::Map && !node->children.isEmpty()
                    && node->children.last().second.kind == FormNode::Kind::Map
                    && !node->children.last().second.find(nextKey)) {
                    node = &node->children.last().second;
                } else {
                    FormNode fresh;
                    fresh.kind = wantKind;
                    node->children.append({QString(), fresh});
                    node = &node->children.last().second;
                }
                continue;
            }
            if (node->kind != FormNode::Kind::Map) {
                conflict();
                return result;
            }
            FormNode* child = node->find(segName);
            if (!child) {
                FormNode fresh;
                fresh.kind = wantKind;
                if (last)
                    fresh.value = value;
                node->children.append({segName, fresh});
                node = &node->children.last().second;
                continue;
            }
            if (last) {
                if (child->kind != FormNode::Kind::Leaf) {
                    conflict();
                    return result;
                }
                child->value = value; // last one wins
                break;
            }
            if (child->kind != wantKind) {
                conflict();
                return result;
            }
            node = child;
        }
    }
    return result;
}

bool mergeForm(FormNode& into, const FormNode& from, QString* conflictParam)
{
    for (const auto& c : from.children) {
        FormNode* existing = into.find(c.first);
        if (!existing) {
            into.children.append(c);
            continue;
        }
        if (existing->kind != c.second.kind || existing->kind == FormNode::Kind::Leaf) {
            if (existing->kind == FormNode::Kind::Leaf && c.second.kind == FormNode::Kind::Leaf) {
                existing->value = c.second.value;
                continue;
            }
            if (conflictParam)
                *conflictParam = c.first;
            return false;
        }
        if (existing->kind == FormNode::Kind::List) {
            existing->children.append(c.second.children);
        } else if (!mergeForm(*existing, c.second, conflictParam)) {
            return false;
        }
    }
    return true;
}

bool Spec::load(const QByteArray& json, QString* error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject()) {
        if (error)
            *error = u"spec is not a JSON object: "_s + pe.errorString();
        return false;
    }
    m_doc = doc.object();
    m_schemas = m_doc.value("components"_L1).toObject().value("schemas"_L1).toObject();
    m_paths.clear();
    const QJsonObject paths = m_doc.value("paths"_L1).toObject();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        PathTemplate t;
        t.templ = it.key();
        t.segments = it.key().split(u'/');
        t.methods = it.value().toObject();
        m_paths.append(t);
    }
    if (m_paths.isEmpty()) {
        if (error)
            *error = u"spec has no paths"_s;
        return false;
    }
    return true;
}

std::optional<Spec::Route> Spec::route(const QString& method, const QString& path, bool* pathKnown) const
{
    if (pathKnown)
        *pathKnown = false;
    const QStringList segs = path.split(u'/');
    const QString m = method.toLower();
    const PathTemplate* best = nullptr;
    int bestLiterals = -1;
    QHash<QString, QString> bestParams;
    for (const PathTemplate& t : m_paths) {
        if (t.segments.size() != segs.size())
            continue;
        QHash<QString, QString> params;
        int literals = 0;
        bool ok = true;
        for (qsizetype i = 0; i < segs.size() && ok; ++i) {
            const QString& ts = t.segments.at(i);
            if (ts.startsWith(u'{') && ts.endsWith(u'}')) {
                if (segs.at(i).isEmpty())
                    ok = false;
                else
                    params.insert(ts.mid(1, ts.size() - 2), segs.at(i));
            } else if (ts == segs.at(i)) {
                ++literals;
            } else {
                ok = false;
            }
        }
        if (!ok)
            continue;
        if (pathKnown)
            *pathKnown = true;
        if (!t.methods.contains(m))
            continue;
        if (literals > bestLiterals) {
            best = &t;
            bestLiterals = literals;
            bestParams = params;
        }
    }
    if (!best)
        return std::nullopt;
    Route r;
    r.templ = best->templ;
    r.method = m;
    r.operation = best->methods.value(m).toObject();
    r.pathParams = bestParams;
    return r;
}

QJsonObject Spec::schema(const QString& name) const
{
    return m_schemas.value(name).toObject();
}

QJsonObject Spec::resolve(const QJsonObject& schema) const
{
    QJsonObject s = schema;
    for (int guard = 0; guard < 16 && s.contains("$ref"_L1); ++guard) {
        const QString ref = s.value("$ref"_L1).toString();
        const QString prefix = u"#/components/schemas/"_s;
        if (!ref.startsWith(prefix))
            return {};
        s = m_schemas.value(ref.mid(prefix.size())).toObject();
    }
    return s;
}

std::optional<ValidationError> Spec::validateRequest(const Route& route, const FormNode& params,
                                                     QJsonObject* out) const
{
    // Build one object schema: the form body schema plus the query parameters.
    const QJsonObject content = route.operation.value("requestBody"_L1).toObject().value("content"_L1).toObject();
    const QJsonObject body = (content.contains("application/x-www-form-urlencoded"_L1)
                                  ? content.value("application/x-www-form-urlencoded"_L1)
                                  : content.value("multipart/form-data"_L1))
                                 .toObject()
                                 .value("schema"_L1)
                                 .toObject();
    QJsonObject merged = resolve(body);
    if (merged.isEmpty())
        merged.insert("type"_L1, u"object"_s);
    QJsonObject props = merged.value("properties"_L1).toObject();
    QJsonArray required = merged.value("required"_L1).toArray();
    const QJsonArray parameters = route.operation.value("parameters"_L1).toArray();
    for (const QJsonValue& pv : parameters) {
        const QJsonObject p = pv.toObject();
        if (p.value("in"_L1).toString() != "query"_L1)
            continue;
        const QString name = p.value("name"_L1).toString();
        props.insert(name, p.value("schema"_L1).toObject());
        if (p.value("required"_L1).toBool())
            required.append(name);
    }
    merged.insert("properties"_L1, props);
    merged.insert("required"_L1, required);
    merged.insert("additionalProperties"_L1, false);
    QJsonValue converted;
    if (auto err = coerce(merged, params, QString(), &converted, 0))
        return err;
    if (out)
        *out = converted.toObject();
    return std::nullopt;
}

std::optional<ValidationError> Spec::coerce(const QJsonObject& rawSchema, const FormNode& node,
                                            const QString& param, QJsonValue* out, int depth) const
{
    if (depth > kMaxDepth)
        return makeError(QString(), param, u"Parameters are nested too deeply."_s);
    const QJsonObject s = resolve(rawSchema);
    const bool isLeaf = node.kind == FormNode::Kind::Leaf;
    const bool nullable = s.value("nullable"_L1).toBool();

    if (s.contains("anyOf"_L1)) {
        const QJsonArray branches = s.value("anyOf"_L1).toArray();
        if (isLeaf && node.value.isEmpty()) {
            for (const QJsonValue& b : branches) {
                if (enumAllowsEmpty(resolve(b.toObject()))) {
                    *out = QString();
                    return std::nullopt;
                }
            }
        }
        std::optional<ValidationError> firstErr;
        std::optional<ValidationError> shapeErr;
        for (const QJsonValue& b : branches) {
            const QJsonObject bs = resolve(b.toObject());
            QJsonValue v;
            auto err = coerce(bs, node, param, &v, depth + 1);
            if (!err) {
                *out = v;
                return std::nullopt;
            }
            const QString t = bs.value("type"_L1).toString();
            const bool shapeMatches = (t == "object"_L1 && node.kind == FormNode::Kind::Map)
                || (t == "array"_L1 && node.kind != FormNode::Kind::Leaf)
                || (t != "object"_L1 && t != "array"_L1 && isLeaf && !bs.contains("enum"_L1));
            if (shapeMatches && !shapeErr)
                shapeErr = err;
            if (!firstErr)
                firstErr = err;
        }
        if (shapeErr)
            return shapeErr;
        if (isLeaf && node.value.isEmpty())
            return makeError(u"parameter_invalid_empty"_s, param,
                             u"You passed an empty string for '"_s + param
                                 + u"'. We assume empty values are an attempt to unset a parameter; however '"_s
                                 + param + u"' cannot be unset. You should remove '"_s + param
                                 + u"' from your request or supply a non-empty value."_s);
        return firstErr ? firstErr : makeError(QString(), param, u"Invalid value for "_s + param + u'.');
    }

    const QString type = s.value("type"_L1).toString();
    const bool hasEnum = s.contains("enum"_L1);

    if (type.isEmpty() && !hasEnum) {
        *out = rawToJson(node, depth);
        return std::nullopt;
    }

    auto emptyError = [&] {
        return makeError(u"parameter_invalid_empty"_s, param,
                         u"You passed an empty string for '"_s + param
                             + u"'. We assume empty values are an attempt to unset a parameter; however '"_s
                             + param + u"' cannot be unset. You should remove '"_s + param
                             + u"' from your request or supply a non-empty value."_s);
    };

    if (type == "object"_L1) {
        if (node.kind != FormNode::Kind::Map) {
            if (isLeaf && node.value.isEmpty()) {
                if (nullable) {
                    *out = QJsonValue(QJsonValue::Null);
                    return std::nullopt;
                }
                return emptyError();
            }
            return makeError(QString(), param,
                             u"Invalid object: "_s + param + u" must be a hash (e.g. "_s + param
                                 + u"[key]=value)."_s);
        }
        const QJsonObject props = s.value("properties"_L1).toObject();
        const QJsonValue addl = s.value("additionalProperties"_L1);
        QJsonObject result;
        for (const auto& c : node.children) {
            const QString childName = childParam(param, c.first);
            QJsonValue v;
            if (props.contains(c.first)) {
                if (auto err = coerce(props.value(c.first).toObject(), c.second, childName, &v, depth + 1))
                    return err;
            } else if (addl.isObject()) {
                if (auto err = coerce(addl.toObject(), c.second, childName, &v, depth + 1))
                    return err;
            } else if ((addl.isBool() && !addl.toBool()) || (addl.isUndefined() && !props.isEmpty())) {
                // Stripe rejects unknown keys in nested hashes too (e.g. evidence[x]) although the
                // spec only says additionalProperties: false at the top level.
                return makeError(u"parameter_unknown"_s, childName,
                                 u"Received unknown parameter: "_s + childName);
            } else {
                v = rawToJson(c.second, depth + 1);
            }
            result.insert(c.first, v);
        }
        const QJsonArray required = s.value("required"_L1).toArray();
        for (const QJsonValue& r : required) {
            const QString name = r.toString();
            if (!node.find(name))
                return makeError(u"parameter_missing"_s, childParam(param, name),
                                 u"Missing required param: "_s + childParam(param, name) + u'.');
        }
        *out = result;
        return std::nullopt;
    }

    if (type == "array"_L1) {
        const QJsonObject items = s.value("items"_L1).toObject();
        QList<const FormNode*> elems;
        QStringList names;
        if (node.kind == FormNode::Kind::List) {
            for (qsizetype i = 0; i < node.children.size(); ++i) {
                elems.append(&node.children.at(i).second);
                names.append(childParam(param, QString::number(i)));
            }
        } else if (node.kind == FormNode::Kind::Map) {
            QList<std::pair<int, const FormNode*>> indexed;
            for (const auto& c : node.children) {
                if (!isIndex(c.first))
                    return makeError(QString(), param,
                                     u"Invalid array: "_s + param
                                         + u" must be an array (e.g. "_s + param + u"[]=value or "_s + param
                                         + u"[0]=value)."_s);
                indexed.append({c.first.toInt(), &c.second});
            }
            std::stable_sort(indexed.begin(), indexed.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            for (const auto& [idx, n] : indexed) {
                elems.append(n);
                names.append(childParam(param, QString::number(idx)));
            }
        } else if (node.value.isEmpty()) {
            *out = nullable ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray());
            return std::nullopt;
        } else {
            return makeError(QString(), param,
                             u"Invalid array: "_s + param + u" must be an array (e.g. "_s + param
                                 + u"[]=value)."_s);
        }
        QJsonArray result;
        for (qsizetype i = 0; i < elems.size(); ++i) {
            QJsonValue v;
            if (auto err = coerce(items, *elems.at(i), names.at(i), &v, depth + 1))
                return err;
            result.append(v);
        }
        *out = result;
        return std::nullopt;
    }

    // Scalars need a leaf.
    if (!isLeaf) {
        const QString what = type.isEmpty() ? u"string"_s : type;
        return makeError(QString(), param,
                         u"Invalid "_s + what + u": "_s + param + u" must be a "_s + what
                             + u", not a hash or an array."_s);
    }
    const QString& v = node.value;

    if (v.isEmpty() && !(hasEnum && enumAllowsEmpty(s))) {
        if (type == "string"_L1 && !hasEnum) {
            *out = QString();
            return std::nullopt;
        }
        if (nullable) {
            *out = QJsonValue(QJsonValue::Null);
            return std::nullopt;
        }
        return emptyError();
    }

    if (type == "integer"_L1) {
        static const QRegularExpression re(u"^-?[0-9]+$"_s);
        bool ok = re.match(v).hasMatch();
        qint64 n = 0;
        if (ok)
            n = v.toLongLong(&ok);
        if (!ok) {
            ValidationError e = makeError(u"parameter_invalid_integer"_s, param,
                                          u"Invalid integer: "_s + shortValue(v));
            if (re.match(v).hasMatch())
                e.message = u"Invalid integer: "_s + shortValue(v) + u" (too large)"_s;
            return e;
        }
        *out = QJsonValue(n);
    } else if (type == "number"_L1) {
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || !std::isfinite(d))
            return makeError(u"parameter_invalid_number"_s, param, u"Invalid decimal: "_s + shortValue(v));
        *out = d;
    } else if (type == "boolean"_L1) {
        if (v == "true"_L1)
            *out = true;
        else if (v == "false"_L1)
            *out = false;
        else
            return makeError(u"parameter_invalid_boolean"_s, param, u"Invalid boolean: "_s + shortValue(v));
    } else {
        *out = v;
    }

    if (hasEnum && !s.value("x-stripeBypassValidation"_L1).toBool()) {
        const QJsonArray allowed = s.value("enum"_L1).toArray();
        if (!allowed.contains(*out)) {
            QStringList names;
            for (const QJsonValue& a : allowed)
                names.append(a.toVariant().toString());
            return makeError(QString(), param,
                             u"Invalid "_s + param + u": must be one of "_s + names.join(u", "_s));
        }
    }
    if (type == "string"_L1 && s.contains("maxLength"_L1)) {
        const int max = s.value("maxLength"_L1).toInt();
        if (v.size() > max)
            return makeError(QString(), param,
                             u"Invalid string: "_s + shortValue(v) + u"; must be at most "_s
                                 + QString::number(max) + u" characters"_s);
    }
    return std::nullopt;
}

QStringList Spec::validateResponse(const Route& route, int status, const QJsonValue& body, bool strict) const
{
    const QJsonObject responses = route.operation.value("responses"_L1).toObject();
    QJsonObject resp = responses.value(QString::number(status)).toObject();
    if (resp.isEmpty())
        resp = responses.value("default"_L1).toObject();
    const QJsonObject schema =
        resp.value("content"_L1).toObject().value("application/json"_L1).toObject().value("schema"_L1).toObject();
    if (schema.isEmpty())
        return {u"no response schema for status "_s + QString::number(status)};
    return validateAgainst(schema, body, strict);
}

QStringList Spec::validateAgainst(const QJsonObject& schema, const QJsonValue& value, bool strict) const
{
    QStringList problems;
    check(schema, value, u"$"_s, strict, &problems, 0);
    return problems;
}

void Spec::check(const QJsonObject& rawSchema, const QJsonValue& value, const QString& path, bool strict,
                 QStringList* problems, int depth) const
{
    if (depth > 64) {
        problems->append(path + u": too deep"_s);
        return;
    }
    const QJsonObject s = resolve(rawSchema);
    if (s.isEmpty())
        return;
    const bool nullable = s.value("nullable"_L1).toBool();
    if (value.isNull() || value.isUndefined()) {
        if (!nullable)
            problems->append(path + u": null but not nullable"_s);
        return;
    }
    if (s.value("x-trimmed"_L1).toBool()) {
        if (!value.isObject())
            problems->append(path + u": expected object (trimmed schema), got "_s + typeName(value));
        return;
    }
    if (s.contains("anyOf"_L1)) {
        QStringList best;
        bool first = true;
        const QJsonArray branches = s.value("anyOf"_L1).toArray();
        for (const QJsonValue& b : branches) {
            QStringList p;
            check(b.toObject(), value, path, strict, &p, depth + 1);
            if (p.isEmpty())
                return;
            if (first || p.size() < best.size())
                best = p;
            first = false;
        }
        problems->append(path + u": no anyOf branch matches"_s);
        problems->append(best);
        return;
    }
    if (s.contains("enum"_L1)) {
        if (!s.value("enum"_L1).toArray().contains(value))
            problems->append(path + u": value "_s
                             + QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                             + u" not in enum"_s);
    }
    const QString type = s.value("type"_L1).toString();
    if (type == "string"_L1) {
        if (!value.isString()) {
            problems->append(path + u": expected string, got "_s + typeName(value));
            return;
        }
        const QString str = value.toString();
        if (s.contains("maxLength"_L1) && str.size() > s.value("maxLength"_L1).toInt())
            problems->append(path + u": longer than maxLength"_s);
        if (s.contains("pattern"_L1)) {
            const QRegularExpression re(s.value("pattern"_L1).toString());
            if (re.isValid() && !re.match(str).hasMatch())
                problems->append(path + u": does not match pattern "_s + s.value("pattern"_L1).toString());
        }
    } else if (type == "integer"_L1) {
        const double d = value.toDouble();
        if (!value.isDouble() || std::floor(d) != d)
            problems->append(path + u": expected integer, got "_s + typeName(value));
    } else if (type == "number"_L1) {
        if (!value.isDouble())
            problems->append(path + u": expected number, got "_s + typeName(value));
    } else if (type == "boolean"_L1) {
        if (!value.isBool())
            problems->append(path + u": expected boolean, got "_s + typeName(value));
    } else if (type == "array"_L1) {
        if (!value.isArray()) {
            problems->append(path + u": expected array, got "_s + typeName(value));
            return;
        }
        const QJsonObject items = s.value("items"_L1).toObject();
        const QJsonArray arr = value.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i)
            check(items, arr.at(i), path + u'[' + QString::number(i) + u']', strict, problems, depth + 1);
    } else if (type == "object"_L1) {
        if (!value.isObject()) {
            problems->append(path + u": expected object, got "_s + typeName(value));
            return;
        }
        const QJsonObject obj = value.toObject();
        const QJsonObject props = s.value("properties"_L1).toObject();
        const QJsonValue addl = s.value("additionalProperties"_L1);
        const QJsonArray required = s.value("required"_L1).toArray();
        for (const QJsonValue& r : required)
            if (!obj.contains(r.toString()))
                problems->append(path + u'.' + r.toString() + u": required property missing"_s);
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const QString childPath = path + u'.' + it.key();
            if (props.contains(it.key()))
                check(props.value(it.key()).toObject(), it.value(), childPath, strict, problems, depth + 1);
            else if (addl.isObject())
                check(addl.toObject(), it.value(), childPath, strict, problems, depth + 1);
            else if (addl.isBool() && !addl.toBool())
                problems->append(childPath + u": property not allowed"_s);
            else if (strict && !props.isEmpty() && !addl.isBool())
                problems->append(childPath + u": property not declared in the schema"_s);
        }
    }
}

} // namespace Bursar::Emulator
