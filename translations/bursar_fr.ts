<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Bursar::Agent::Agent</name>
    <message>
        <source>The Stripe key is not a Stripe secret or restricted key (sk_… or rk_…).</source>
        <translation>La clé Stripe n’est pas une clé secrète ou restreinte Stripe (sk_… ou rk_…).</translation>
    </message>
    <message>
        <source>The Stripe key is a live key, but this database is a test installation. Give the agent a test key (sk_test_… or rk_test_…); a database that keeps real books is marked live by its owner (UPDATE bursar_installation SET stripe_mode = &apos;live&apos;).</source>
        <translation>La clé Stripe est une clé réelle (live), mais cette base de données est une installation de test. Donnez à l’agent une clé de test (sk_test_… ou rk_test_…) ; une base qui tient de vrais comptes est marquée réelle par son propriétaire (UPDATE bursar_installation SET stripe_mode = &apos;live&apos;).</translation>
    </message>
    <message>
        <source>The Stripe key is a test key, but this database keeps live books. Give the agent the live key (sk_live_… or rk_live_…).</source>
        <translation>La clé Stripe est une clé de test, mais cette base de données tient des comptes réels. Donnez à l’agent la clé réelle (sk_live_… ou rk_live_…).</translation>
    </message>
    <message>
        <source>The agent must connect as a login in role bursar_service (for example: CREATE ROLE bursar_agent LOGIN IN ROLE bursar_service); this login is not one.</source>
        <translation>L’agent doit se connecter avec un identifiant du rôle bursar_service (par exemple : CREATE ROLE bursar_agent LOGIN IN ROLE bursar_service) ; cet identifiant n’en est pas un.</translation>
    </message>
    <message>
        <source>heartbeat: %1</source>
        <translation>signal de vie : %1</translation>
    </message>
    <message>
        <source>Stripe refused the key (401): it was revoked or mistyped.</source>
        <translation>Stripe a refusé la clé (401) : elle a été révoquée ou mal saisie.</translation>
    </message>
</context>
<context>
    <name>Bursar::Agent::EventSync</name>
    <message>
        <source>event sync: %1</source>
        <translation>synchronisation des événements : %1</translation>
    </message>
    <message>
        <source>listing the events of %1: %2</source>
        <translation>liste des événements de %1 : %2</translation>
    </message>
    <message>
        <source>storing the events of %1: %2</source>
        <translation>enregistrement des événements de %1 : %2</translation>
    </message>
    <message>
        <source>applying events: %1</source>
        <translation>application des événements : %1</translation>
    </message>
</context>
<context>
    <name>Bursar::Agent::NightlyVerify</name>
    <message>
        <source>The nightly verification of the books failed: %1</source>
        <translation>La vérification nocturne des comptes a échoué : %1</translation>
    </message>
    <message>
        <source>The nightly verification of the books failed.</source>
        <translation>La vérification nocturne des comptes a échoué.</translation>
    </message>
</context>
<context>
    <name>Bursar::Core::Money</name>
    <message>
        <source>Choose a currency first.</source>
        <translation>Choisissez d’abord une devise.</translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation>Saisissez un montant.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: use %2 for decimals, like %3.</source>
        <translation>« %1 » n’est pas un montant : utilisez %2 pour les décimales, comme %3.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: use digits and at most one decimal point, like 12.34.</source>
        <translation>« %1 » n’est pas un montant : utilisez des chiffres et au plus un séparateur décimal, comme 12,34.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: use digits, like 12.34.</source>
        <translation>« %1 » n’est pas un montant : utilisez des chiffres, comme 12,34.</translation>
    </message>
    <message>
        <source>%1 has no minor unit: enter a whole amount.</source>
        <translation>%1 n’a pas de subdivision : saisissez un montant entier.</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n decimal place(s); remove the extra digits.</source>
        <translation>
            <numerusform>%1 a %n décimale ; supprimez les chiffres en trop.</numerusform>
            <numerusform>%1 a %n décimales ; supprimez les chiffres en trop.</numerusform>
        </translation>
    </message>
    <message>
        <source>That amount is too large.</source>
        <translation>Ce montant est trop élevé.</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation>Saisissez un montant supérieur à zéro.</translation>
    </message>
    <message>
        <source>Enter a positive amount.</source>
        <translation>Saisissez un montant positif.</translation>
    </message>
</context>
<context>
    <name>Bursar::Core::Status</name>
    <message>
        <source>Pending</source>
        <comment>payment status</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Held</source>
        <comment>payment status</comment>
        <translation>En séquestre</translation>
    </message>
    <message>
        <source>Released</source>
        <comment>payment status</comment>
        <translation>Libéré</translation>
    </message>
    <message>
        <source>Completed</source>
        <comment>payment status</comment>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>payment status</comment>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Refunded</source>
        <comment>payment status</comment>
        <translation>Remboursé</translation>
    </message>
    <message>
        <source>Part refunded</source>
        <comment>payment status</comment>
        <translation>Remboursé en partie</translation>
    </message>
    <message>
        <source>Disputed</source>
        <comment>payment status</comment>
        <translation>En litige</translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>fulfilment status</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Processing</source>
        <comment>fulfilment status</comment>
        <translation>En préparation</translation>
    </message>
    <message>
        <source>Shipped</source>
        <comment>fulfilment status</comment>
        <translation>Expédiée</translation>
    </message>
    <message>
        <source>Delivered</source>
        <comment>fulfilment status</comment>
        <translation>Livrée</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <comment>fulfilment status</comment>
        <translation>Confirmée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <comment>fulfilment status</comment>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Requires payment method</source>
        <comment>payment intent status</comment>
        <translation>Moyen de paiement requis</translation>
    </message>
    <message>
        <source>Requires confirmation</source>
        <comment>payment intent status</comment>
        <translation>Confirmation requise</translation>
    </message>
    <message>
        <source>Requires action</source>
        <comment>payment intent status</comment>
        <translation>Action requise</translation>
    </message>
    <message>
        <source>Processing</source>
        <comment>payment intent status</comment>
        <translation>En traitement</translation>
    </message>
    <message>
        <source>Requires capture</source>
        <comment>payment intent status</comment>
        <translation>Capture requise</translation>
    </message>
    <message>
        <source>Canceled</source>
        <comment>payment intent status</comment>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <comment>payment intent status</comment>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Not submitted</source>
        <comment>refund status</comment>
        <translation>Non envoyé</translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>refund status</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Requires action</source>
        <comment>refund status</comment>
        <translation>Action requise</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <comment>refund status</comment>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>refund status</comment>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Canceled</source>
        <comment>refund status</comment>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Not required</source>
        <comment>refund approval state</comment>
        <translation>Non requise</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <comment>refund approval state</comment>
        <translation>En attente d’approbation</translation>
    </message>
    <message>
        <source>Approved</source>
        <comment>refund approval state</comment>
        <translation>Approuvée</translation>
    </message>
    <message>
        <source>Rejected</source>
        <comment>refund approval state</comment>
        <translation>Rejetée</translation>
    </message>
    <message>
        <source>Inquiry: needs response</source>
        <comment>dispute status</comment>
        <translation>Demande d’information : réponse requise</translation>
    </message>
    <message>
        <source>Inquiry: under review</source>
        <comment>dispute status</comment>
        <translation>Demande d’information : en examen</translation>
    </message>
    <message>
        <source>Inquiry closed</source>
        <comment>dispute status</comment>
        <translation>Demande d’information close</translation>
    </message>
    <message>
        <source>Needs response</source>
        <comment>dispute status</comment>
        <translation>Réponse requise</translation>
    </message>
    <message>
        <source>Under review</source>
        <comment>dispute status</comment>
        <translation>En examen</translation>
    </message>
    <message>
        <source>Won</source>
        <comment>dispute status</comment>
        <translation>Gagné</translation>
    </message>
    <message>
        <source>Lost</source>
        <comment>dispute status</comment>
        <translation>Perdu</translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>payout status</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <source>In transit</source>
        <comment>payout status</comment>
        <translation>En transit</translation>
    </message>
    <message>
        <source>Paid</source>
        <comment>payout status</comment>
        <translation>Payé</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>payout status</comment>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Canceled</source>
        <comment>payout status</comment>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Draft</source>
        <comment>payout run status</comment>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Approved</source>
        <comment>payout run status</comment>
        <translation>Approuvé</translation>
    </message>
    <message>
        <source>Running</source>
        <comment>payout run status</comment>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Completed</source>
        <comment>payout run status</comment>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Completed with failures</source>
        <comment>payout run status</comment>
        <translation>Terminé avec des échecs</translation>
    </message>
    <message>
        <source>Canceled</source>
        <comment>payout run status</comment>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Not started</source>
        <comment>seller verification (KYC) state</comment>
        <translation>Non commencée</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <comment>seller verification (KYC) state</comment>
        <translation>Incomplète</translation>
    </message>
    <message>
        <source>Pending verification</source>
        <comment>seller verification (KYC) state</comment>
        <translation>Vérification en cours</translation>
    </message>
    <message>
        <source>Verified</source>
        <comment>seller verification (KYC) state</comment>
        <translation>Vérifiée</translation>
    </message>
    <message>
        <source>Restricted</source>
        <comment>seller verification (KYC) state</comment>
        <translation>Restreinte</translation>
    </message>
    <message>
        <source>Rejected</source>
        <comment>seller verification (KYC) state</comment>
        <translation>Refusée</translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>Stripe event processing status</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Processing</source>
        <comment>Stripe event processing status</comment>
        <translation>En traitement</translation>
    </message>
    <message>
        <source>Processed</source>
        <comment>Stripe event processing status</comment>
        <translation>Traité</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>Stripe event processing status</comment>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Skipped</source>
        <comment>Stripe event processing status</comment>
        <translation>Ignoré</translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>journal operation state</comment>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <comment>journal operation state</comment>
        <translation>Réussie</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>journal operation state</comment>
        <translation>Échouée</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <comment>journal operation state</comment>
        <translation>Intervention requise</translation>
    </message>
    <message>
        <source>Held in escrow</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Bloqué en séquestre</translation>
    </message>
    <message>
        <source>Escrow released</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Séquestre libéré</translation>
    </message>
    <message>
        <source>Refund from escrow</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Remboursement sur le séquestre</translation>
    </message>
    <message>
        <source>Refund claw-back</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Reprise pour remboursement</translation>
    </message>
    <message>
        <source>Dispute freeze</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Gel pour litige</translation>
    </message>
    <message>
        <source>Dispute unfreeze</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Dégel après litige</translation>
    </message>
    <message>
        <source>Dispute lost</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Litige perdu</translation>
    </message>
    <message>
        <source>Payout</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Versement</translation>
    </message>
    <message>
        <source>Failed payout returned</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Versement échoué restitué</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Ajustement</translation>
    </message>
    <message>
        <source>OK</source>
        <comment>wallet check: the balance matches the ledger, or a ledger row follows the previous one</comment>
        <translation>Cohérent</translation>
    </message>
    <message>
        <source>Broken</source>
        <comment>wallet check: the balance does not match the ledger, or the ledger does not start at zero or its chain breaks</comment>
        <translation>Incohérent</translation>
    </message>
    <message>
        <source>Chain break</source>
        <comment>wallet check of one ledger row: its balance before is not the previous row&apos;s balance after</comment>
        <translation>Chaîne rompue</translation>
    </message>
    <message>
        <source>Payout transfer reversed</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation>Transfert du versement annulé</translation>
    </message>
</context>
<context>
    <name>Bursar::Db</name>
    <message>
        <source>The database refused the user name or password: %1</source>
        <translation>La base de données a refusé le nom d’utilisateur ou le mot de passe : %1</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>Votre rôle ne permet pas de faire cela.</translation>
    </message>
    <message>
        <source>Someone changed the same data at the same moment; nothing was changed. Try again.</source>
        <translation>Quelqu’un a modifié les mêmes données au même moment ; rien n’a été modifié. Réessayez.</translation>
    </message>
    <message>
        <source>The database refused this (error %1); nothing was changed. The details are in the log.</source>
        <translation>La base de données a refusé cette opération (erreur %1) ; rien n’a été modifié. Les détails figurent dans le journal.</translation>
    </message>
</context>
<context>
    <name>Bursar::Db::ConnectionConfig</name>
    <message>
        <source>No database is configured. Set BURSAR_DB to a connection string such as &quot;host=localhost dbname=bursar user=alice&quot; or open Settings.</source>
        <translation>Aucune base de données n’est configurée. Donnez à BURSAR_DB une chaîne de connexion comme « host=localhost dbname=bursar user=alice » ou ouvrez les Paramètres.</translation>
    </message>
    <message>
        <source>The database connection string is malformed: %1</source>
        <translation>La chaîne de connexion à la base de données est mal formée : %1</translation>
    </message>
    <message>
        <source>BURSAR_ROLE is &quot;%1&quot;; use support, finance, admin or viewer.</source>
        <translation>BURSAR_ROLE vaut « %1 » ; utilisez support, finance, admin ou viewer.</translation>
    </message>
    <message>
        <source>Unknown connection setting &quot;%1&quot;. Use host, port, dbname, user, password, sslmode, connect_timeout.</source>
        <translation>Paramètre de connexion inconnu « %1 ». Utilisez host, port, dbname, user, password, sslmode, connect_timeout.</translation>
    </message>
    <message>
        <source>The port &quot;%1&quot; is not a number between 1 and 65535.</source>
        <translation>Le port « %1 » n’est pas un nombre entre 1 et 65535.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a value: write %1=value.</source>
        <translation>« %1 » attend une valeur : écrivez %1=valeur.</translation>
    </message>
    <message>
        <source>The quoted value of &quot;%1&quot; is not closed.</source>
        <translation>La valeur entre guillemets de « %1 » n’est pas fermée.</translation>
    </message>
    <message>
        <source>The %1 in the URL has a &quot;%&quot; that is not followed by two hexadecimal digits; write a literal percent sign as %25.</source>
        <translation>Le champ %1 de l’URL contient un « % » qui n’est pas suivi de deux chiffres hexadécimaux ; écrivez un signe pour cent littéral sous la forme %25.</translation>
    </message>
    <message>
        <source>The %1 in the URL contains an encoded NUL byte; remove it.</source>
        <translation>Le champ %1 de l’URL contient un octet NUL encodé ; supprimez-le.</translation>
    </message>
    <message>
        <source>The %1 in the URL is not valid UTF-8 once decoded.</source>
        <translation>Le champ %1 de l’URL n’est pas de l’UTF-8 valide une fois décodé.</translation>
    </message>
    <message>
        <source>The host in the URL opens &quot;[&quot; for an IPv6 address without closing it with &quot;]&quot;.</source>
        <translation>L’hôte de l’URL ouvre « [ » pour une adresse IPv6 sans la fermer par « ] ».</translation>
    </message>
    <message>
        <source>The host in the URL has an empty IPv6 address &quot;[]&quot;.</source>
        <translation>L’hôte de l’URL a une adresse IPv6 vide « [] ».</translation>
    </message>
    <message>
        <source>The URL has &quot;%1&quot; after the IPv6 address; expected &quot;:&quot; (a port) or &quot;/&quot; (the database).</source>
        <translation>L’URL contient « %1 » après l’adresse IPv6 ; « : » (un port) ou « / » (la base de données) était attendu.</translation>
    </message>
    <message>
        <source>The URL parameter &quot;%1&quot; has a second &quot;=&quot;: percent-encode it in the value as %3D.</source>
        <translation>Le paramètre d’URL « %1 » contient un second « = » : encodez-le dans la valeur sous la forme %3D.</translation>
    </message>
    <message>
        <source>parameter name</source>
        <translation>nom de paramètre</translation>
    </message>
    <message>
        <source>The connection setting &quot;options&quot; is not supported: it would change the server&apos;s settings (such as the role) behind Bursar&apos;s back. Choose the role with BURSAR_ROLE or in Settings.</source>
        <translation>Le paramètre de connexion « options » n’est pas pris en charge : il changerait les réglages du serveur (comme le rôle) à l’insu de Bursar. Choisissez le rôle avec BURSAR_ROLE ou dans les Paramètres.</translation>
    </message>
    <message>
        <source>The connection setting &quot;service&quot; is not supported: write the host, port, dbname and user in the connection string itself.</source>
        <translation>Le paramètre de connexion « service » n’est pas pris en charge : écrivez host, port, dbname et user dans la chaîne de connexion elle-même.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is given more than once; keep only one %1=… setting.</source>
        <translation>« %1 » est donné plusieurs fois ; ne gardez qu’un seul réglage %1=….</translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; contains a control character (such as a line break); remove it.</source>
        <translation>La valeur de « %1 » contient un caractère de contrôle (comme un saut de ligne) ; supprimez-le.</translation>
    </message>
    <message>
        <source>application_name may use only letters, digits, spaces and - _ . : / ( ), at most 63 of them.</source>
        <translation>application_name ne peut contenir que des lettres, des chiffres, des espaces et - _ . : / ( ), 63 au plus.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid %2: use %3.</source>
        <translation>« %1 » n’est pas une valeur valide pour %2 : utilisez %3.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a whole number of seconds between 1 and %3.</source>
        <translation>%1 « %2 » n’est pas un nombre entier de secondes entre 1 et %3.</translation>
    </message>
    <message>
        <source>hostaddr &quot;%1&quot; is not a numeric IP address; give a name with host=.</source>
        <translation>hostaddr « %1 » n’est pas une adresse IP numérique ; donnez un nom avec host=.</translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; contains &quot;;&quot;, which the PostgreSQL driver cannot pass on; use a path without &quot;;&quot;.</source>
        <translation>La valeur de « %1 » contient « ; », que le pilote PostgreSQL ne peut pas transmettre ; utilisez un chemin sans « ; ».</translation>
    </message>
    <message>
        <source>The connection string names no database and no user: add dbname=NAME and user=NAME (in a URL: postgresql://USER@HOST/DATABASE).</source>
        <translation>La chaîne de connexion ne nomme ni base de données ni utilisateur : ajoutez dbname=NOM et user=NOM (dans une URL : postgresql://UTILISATEUR@HÔTE/BASE).</translation>
    </message>
    <message>
        <source>The connection string names no database: add dbname=NAME (in a URL: postgresql://USER@HOST/DATABASE).</source>
        <translation>La chaîne de connexion ne nomme aucune base de données : ajoutez dbname=NOM (dans une URL : postgresql://UTILISATEUR@HÔTE/BASE).</translation>
    </message>
    <message>
        <source>The connection string names no user: add user=NAME (in a URL: postgresql://USER@HOST/DATABASE).</source>
        <translation>La chaîne de connexion ne nomme aucun utilisateur : ajoutez user=NOM (dans une URL : postgresql://UTILISATEUR@HÔTE/BASE).</translation>
    </message>
    <message>
        <source>local socket</source>
        <translation>socket local</translation>
    </message>
</context>
<context>
    <name>Bursar::Db::Database</name>
    <message>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnexion…</translation>
    </message>
    <message>
        <source>This database connection was closed.</source>
        <translation>Cette connexion à la base de données a été fermée.</translation>
    </message>
</context>
<context>
    <name>Bursar::Db::Error</name>
    <message>
        <source>Write a note: say why (it is kept in the audit log).</source>
        <translation>Rédigez une note : dites pourquoi (elle est conservée dans le journal d’audit).</translation>
    </message>
    <message>
        <source>The note is too long: keep it under 10,000 characters.</source>
        <translation>La note est trop longue : restez sous 10 000 caractères.</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation>Saisissez un montant supérieur à zéro.</translation>
    </message>
    <message>
        <source>Choose a reason for the refund.</source>
        <translation>Choisissez un motif de remboursement.</translation>
    </message>
    <message>
        <source>This order cannot be refunded in its current payment state.</source>
        <translation>Cette commande ne peut pas être remboursée dans l’état actuel de son paiement.</translation>
    </message>
    <message>
        <source>The charge has a dispute and Stripe refuses refunds on disputed charges; respond to the dispute instead.</source>
        <translation>Le paiement fait l’objet d’un litige et Stripe refuse les remboursements sur les paiements contestés ; répondez plutôt au litige.</translation>
    </message>
    <message>
        <source>The order has no captured charge to refund.</source>
        <translation>La commande n’a aucun paiement capturé à rembourser.</translation>
    </message>
    <message>
        <source>The refund would exceed what is still refundable on this order (another refund may have been requested meanwhile). Reopen the order to see the current amount.</source>
        <translation>Le remboursement dépasserait ce qui reste remboursable sur cette commande (un autre remboursement a peut-être été demandé entre-temps). Rouvrez la commande pour voir le montant actuel.</translation>
    </message>
    <message>
        <source>You requested this refund; another finance or admin user must approve or reject it.</source>
        <translation>Vous avez demandé ce remboursement ; un autre utilisateur finance ou administrateur doit l’approuver ou le rejeter.</translation>
    </message>
    <message>
        <source>This refund is no longer awaiting approval (someone else may have decided it).</source>
        <translation>Ce remboursement n’attend plus d’approbation (quelqu’un d’autre a peut-être déjà tranché).</translation>
    </message>
    <message>
        <source>This refund was not approved.</source>
        <translation>Ce remboursement n’a pas été approuvé.</translation>
    </message>
    <message>
        <source>This refund reached Stripe already; only Stripe&apos;s answer can change it.</source>
        <translation>Ce remboursement est déjà parvenu à Stripe ; seule la réponse de Stripe peut le modifier.</translation>
    </message>
    <message>
        <source>This refund succeeded already; Stripe&apos;s later answer contradicts it.</source>
        <translation>Ce remboursement a déjà réussi ; la réponse ultérieure de Stripe le contredit.</translation>
    </message>
    <message>
        <source>Stripe&apos;s answer names another refund than the books; a person must look.</source>
        <translation>La réponse de Stripe nomme un autre remboursement que les comptes ; une personne doit examiner.</translation>
    </message>
    <message>
        <source>The idempotency key must be 8 to 255 characters long; leave it out and Bursar makes one.</source>
        <translation>La clé d’idempotence doit compter de 8 à 255 caractères ; omettez-la et Bursar en crée une.</translation>
    </message>
    <message>
        <source>Your staff account is disabled: you may read, but not change anything. Ask an admin.</source>
        <translation>Votre compte d’équipe est désactivé : vous pouvez consulter, mais pas modifier. Demandez à un administrateur.</translation>
    </message>
    <message>
        <source>This login has no staff account in Bursar, so it may only read. Ask an admin to add you.</source>
        <translation>Cet identifiant n’a pas de compte d’équipe dans Bursar ; il ne peut donc que consulter. Demandez à un administrateur de vous ajouter.</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>Votre rôle ne permet pas de faire cela.</translation>
    </message>
    <message>
        <source>Only the Bursar agent may do this; staff request it and the agent carries it out.</source>
        <translation>Seul l’agent Bursar peut faire cela ; l’équipe le demande et l’agent l’exécute.</translation>
    </message>
    <message>
        <source>The order does not exist.</source>
        <translation>La commande n’existe pas.</translation>
    </message>
    <message>
        <source>The refund does not exist.</source>
        <translation>Le remboursement n’existe pas.</translation>
    </message>
    <message>
        <source>The order has an open dispute; its escrow stays held.</source>
        <translation>La commande fait l’objet d’un litige ouvert ; son séquestre reste bloqué.</translation>
    </message>
    <message>
        <source>The order is not held in escrow.</source>
        <translation>La commande n’est pas en séquestre.</translation>
    </message>
    <message>
        <source>The audit chain is missing: run bursar-cli migrate on this database.</source>
        <translation>La chaîne d’audit est absente : exécutez bursar-cli migrate sur cette base de données.</translation>
    </message>
    <message>
        <source>The agent reported itself without an id.</source>
        <translation>L’agent s’est signalé sans identifiant.</translation>
    </message>
    <message>
        <source>Events belong to the platform or to a Connect account (acct_...).</source>
        <translation>Les événements appartiennent à la plateforme ou à un compte Connect (acct_...).</translation>
    </message>
    <message>
        <source>Stripe&apos;s event lacks fields Bursar needs (an id, an amount, a status); it stays failed and visible.</source>
        <translation>L&apos;événement Stripe n&apos;a pas les champs dont Bursar a besoin (un identifiant, un montant, un statut) ; il reste en échec et visible.</translation>
    </message>
    <message>
        <source>The event concerns a Stripe object these books do not hold; it was skipped.</source>
        <translation>L&apos;événement concerne un objet Stripe absent de ces comptes ; il a été ignoré.</translation>
    </message>
    <message>
        <source>Bursar does not follow this type of event.</source>
        <translation>Bursar ne suit pas ce type d&apos;événement.</translation>
    </message>
    <message>
        <source>The event&apos;s currency differs from the order&apos;s; a person must look.</source>
        <translation>La devise de l&apos;événement diffère de celle de la commande ; une personne doit vérifier.</translation>
    </message>
    <message>
        <source>No Stripe event with this id is stored.</source>
        <translation>Aucun événement Stripe n&apos;est enregistré sous cet identifiant.</translation>
    </message>
    <message>
        <source>Say which events to replay: one event id, --failed, or --since a time.</source>
        <translation>Indiquez les événements à rejouer : un identifiant, --failed ou --since une date.</translation>
    </message>
    <message>
        <source>The books refused this event; it stays failed until it is replayed.</source>
        <translation>Les comptes ont refusé cet événement ; il reste en échec jusqu&apos;à ce qu&apos;il soit rejoué.</translation>
    </message>
    <message>
        <source>A verification run is manual, or the agent&apos;s nightly run.</source>
        <translation>Une vérification est soit manuelle, soit l’exécution nocturne de l’agent.</translation>
    </message>
    <message>
        <source>Give a reason for the repair: it is kept in the audit log.</source>
        <translation>Indiquez le motif de la réparation : il est conservé dans le journal d’audit.</translation>
    </message>
    <message>
        <source>The reason (2,000 characters) or the note (10,000) is too long.</source>
        <translation>Le motif (2 000 caractères) ou la note (10 000) est trop long.</translation>
    </message>
    <message>
        <source>Unknown repair action: re-check, mark done, release or assign.</source>
        <translation>Action de réparation inconnue : revérifier, marquer terminée, libérer ou confier.</translation>
    </message>
    <message>
        <source>There is no such journal operation.</source>
        <translation>Cette opération du journal n’existe pas.</translation>
    </message>
    <message>
        <source>This operation is not in the repair centre any more: it settled, or the agent is still working on it within its lease.</source>
        <translation>Cette opération n’est plus dans le centre de réparation : elle a été close, ou l’agent la traite encore dans le délai qui lui est imparti.</translation>
    </message>
    <message>
        <source>Say who takes the operation over.</source>
        <translation>Indiquez qui reprend l’opération.</translation>
    </message>
    <message>
        <source>A repair of this operation is being carried out; wait for its outcome.</source>
        <translation>Une réparation de cette opération est en cours ; attendez son résultat.</translation>
    </message>
    <message>
        <source>The operation settled meanwhile; there is nothing left to repair.</source>
        <translation>L’opération a été close entre-temps ; il n’y a plus rien à réparer.</translation>
    </message>
    <message>
        <source>An agent is sending this operation right now and its request may still reach Stripe; nothing was released. Re-check when its lease has run out.</source>
        <translation>Un agent envoie cette opération en ce moment et sa requête peut encore parvenir à Stripe ; rien n’a été libéré. Revérifiez une fois son délai écoulé.</translation>
    </message>
    <message>
        <source>Stripe&apos;s outcome could not settle the operation; it stays open.</source>
        <translation>Le résultat de Stripe n’a pas permis de clore l’opération ; elle reste ouverte.</translation>
    </message>
    <message>
        <source>Stripe&apos;s object is for another amount than the operation reserved; a person must look.</source>
        <translation>L’objet Stripe porte sur un autre montant que celui réservé par l’opération ; une personne doit vérifier.</translation>
    </message>
    <message>
        <source>Refused: Stripe has nothing for this operation, so it cannot be marked done.</source>
        <translation>Refusé : Stripe n’a rien pour cette opération, elle ne peut donc pas être marquée terminée.</translation>
    </message>
    <message>
        <source>Refused: Stripe has this operation&apos;s object, so its reservation cannot be released. Mark it done instead.</source>
        <translation>Refusé : Stripe détient l’objet de cette opération, sa réservation ne peut donc pas être libérée. Marquez-la plutôt terminée.</translation>
    </message>
    <message>
        <source>Stripe could not be asked; nothing changed. Try the repair again.</source>
        <translation>Stripe n’a pas pu être interrogé ; rien n’a changé. Relancez la réparation.</translation>
    </message>
    <message>
        <source>The agent cannot repair operations of this kind yet; hand it to a person.</source>
        <translation>L’agent ne sait pas encore réparer les opérations de ce type ; confiez-la à une personne.</translation>
    </message>
    <message>
        <source>Re-checked at Stripe: what Stripe says now is shown.</source>
        <translation>Revérifiée chez Stripe : la réponse actuelle de Stripe est affichée.</translation>
    </message>
    <message>
        <source>Done: the books now record what Stripe shows.</source>
        <translation>Terminée : les comptes enregistrent désormais ce qu’indique Stripe.</translation>
    </message>
    <message>
        <source>Released: Stripe has nothing for this operation, and what it reserved is free.</source>
        <translation>Libérée : Stripe n’a rien pour cette opération, et le montant qu’elle réservait est de nouveau disponible.</translation>
    </message>
    <message>
        <source>Stripe&apos;s transfer differs from the books&apos; payout (amount, currency or account); a person must look.</source>
        <translation>Le transfert de Stripe diffère du versement des livres (montant, devise ou compte) ; une personne doit vérifier.</translation>
    </message>
    <message>
        <source>Reconcile from a date in the past.</source>
        <translation>Lancez le rapprochement à partir d’une date passée.</translation>
    </message>
    <message>
        <source>Reconcile at most 400 days back; choose a later date.</source>
        <translation>Le rapprochement remonte au plus à 400 jours ; choisissez une date plus récente.</translation>
    </message>
    <message>
        <source>The reason or the note is too long (2,000 characters at most).</source>
        <translation>Le motif ou la note est trop long (2 000 caractères au plus).</translation>
    </message>
    <message>
        <source>A difference is resolved as fixed or as accepted.</source>
        <translation>Un écart se résout comme corrigé ou comme accepté.</translation>
    </message>
    <message>
        <source>Say how the difference was resolved: the note is kept in the audit log.</source>
        <translation>Indiquez comment l’écart a été résolu : la note est conservée dans le journal d’audit.</translation>
    </message>
    <message>
        <source>There is no such reconciliation difference.</source>
        <translation>Cet écart de rapprochement n’existe pas.</translation>
    </message>
    <message>
        <source>This difference is resolved already; reload the list.</source>
        <translation>Cet écart est déjà résolu ; rechargez la liste.</translation>
    </message>
    <message>
        <source>Stripe holds a charge the books do not know</source>
        <translation>Stripe détient un paiement inconnu des comptes</translation>
    </message>
    <message>
        <source>The books hold a charge Stripe does not list</source>
        <translation>Les comptes contiennent un paiement que Stripe ne répertorie pas</translation>
    </message>
    <message>
        <source>The charge&apos;s amount differs</source>
        <translation>Le montant du paiement diffère</translation>
    </message>
    <message>
        <source>Captured at Stripe but not in the books, or the other way round</source>
        <translation>Capturé chez Stripe mais pas dans les comptes, ou l’inverse</translation>
    </message>
    <message>
        <source>The charge&apos;s refunded total differs</source>
        <translation>Le total remboursé du paiement diffère</translation>
    </message>
    <message>
        <source>A refund at Stripe is not in the books (made outside Bursar?)</source>
        <translation>Un remboursement chez Stripe est absent des comptes (effectué hors de Bursar ?)</translation>
    </message>
    <message>
        <source>The books hold a refund Stripe does not list</source>
        <translation>Les comptes contiennent un remboursement que Stripe ne répertorie pas</translation>
    </message>
    <message>
        <source>The refund&apos;s amount differs</source>
        <translation>Le montant du remboursement diffère</translation>
    </message>
    <message>
        <source>The refund&apos;s status differs</source>
        <translation>Le statut du remboursement diffère</translation>
    </message>
    <message>
        <source>A dispute at Stripe is not in the books</source>
        <translation>Un litige chez Stripe est absent des comptes</translation>
    </message>
    <message>
        <source>The books hold a dispute Stripe does not list</source>
        <translation>Les comptes contiennent un litige que Stripe ne répertorie pas</translation>
    </message>
    <message>
        <source>The disputed amount differs</source>
        <translation>Le montant contesté diffère</translation>
    </message>
    <message>
        <source>The dispute&apos;s status differs</source>
        <translation>Le statut du litige diffère</translation>
    </message>
    <message>
        <source>The dispute fee differs</source>
        <translation>Les frais de litige diffèrent</translation>
    </message>
    <message>
        <source>A transfer at Stripe is not a payout in the books</source>
        <translation>Un transfert chez Stripe ne correspond à aucun versement dans les comptes</translation>
    </message>
    <message>
        <source>The books hold a transfer Stripe does not list</source>
        <translation>Les comptes contiennent un transfert que Stripe ne répertorie pas</translation>
    </message>
    <message>
        <source>The transfer&apos;s amount differs</source>
        <translation>Le montant du transfert diffère</translation>
    </message>
    <message>
        <source>The transfer&apos;s reversed total differs</source>
        <translation>Le total annulé du transfert diffère</translation>
    </message>
    <message>
        <source>A payout at Stripe is not in the books</source>
        <translation>Un versement chez Stripe est absent des comptes</translation>
    </message>
    <message>
        <source>The books hold a payout Stripe does not list</source>
        <translation>Les comptes contiennent un versement que Stripe ne répertorie pas</translation>
    </message>
    <message>
        <source>The payout&apos;s amount differs</source>
        <translation>Le montant du versement diffère</translation>
    </message>
    <message>
        <source>The payout&apos;s status differs</source>
        <translation>Le statut du versement diffère</translation>
    </message>
    <message>
        <source>Stripe&apos;s processing fees differ from the fees the books assumed</source>
        <translation>Les frais de traitement de Stripe diffèrent de ceux prévus par les comptes</translation>
    </message>
    <message>
        <source>Replay the object&apos;s Stripe events (Events panel), then reconcile again</source>
        <translation>Rejouez les événements Stripe de l’objet (panneau Événements), puis relancez le rapprochement</translation>
    </message>
    <message>
        <source>Open the repair centre: re-check the operation at Stripe</source>
        <translation>Ouvrez le centre de réparation : revérifiez l’opération chez Stripe</translation>
    </message>
    <message>
        <source>Investigate at Stripe and in the books; resolve with a note</source>
        <translation>Examinez chez Stripe et dans les comptes ; résolvez avec une note</translation>
    </message>
    <message>
        <source>Check the currency&apos;s processor fee in the settings against Stripe&apos;s pricing</source>
        <translation>Comparez les frais de traitement de la devise dans les paramètres avec la tarification de Stripe</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Corrigé</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepté</translation>
    </message>
    <message>
        <source>No longer differs</source>
        <translation>Résorbé</translation>
    </message>
</context>
<context>
    <name>Bursar::Db::Migrations</name>
    <message>
        <source>The database schema is at version %1, newer than this Bursar understands (%2). Install the newer Bursar that upgraded it.</source>
        <translation>Le schéma de la base de données est en version %1, plus récente que celle que ce Bursar comprend (%2). Installez le Bursar plus récent qui l’a mis à jour.</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed and was rolled back: %3</source>
        <translation>La migration %1 (%2) a échoué et a été annulée : %3</translation>
    </message>
    <message>
        <source>The database schema is at version %1 and this Bursar needs version %2. Ask the database owner to run &quot;bursar-cli migrate&quot;, then reconnect.</source>
        <translation>Le schéma de la base de données est à la version %1 et ce Bursar a besoin de la version %2. Demandez au propriétaire de la base de lancer « bursar-cli migrate », puis reconnectez-vous.</translation>
    </message>
    <message>
        <source>Migration %1 (%2) as applied to this database differs from the one this Bursar carries. Use the Bursar release that built this database, or restore it from a backup.</source>
        <translation>La migration %1 (%2) appliquée à cette base de données diffère de celle que contient ce Bursar. Utilisez la version de Bursar qui a construit cette base, ou restaurez-la depuis une sauvegarde.</translation>
    </message>
</context>
<context>
    <name>Bursar::Db::Worker</name>
    <message>
        <source>The PostgreSQL driver (QPSQL) is not installed: install libqt6sql6-psql.</source>
        <translation>Le pilote PostgreSQL (QPSQL) n’est pas installé : installez libqt6sql6-psql.</translation>
    </message>
    <message>
        <source>Cannot reach the database at %1: %2</source>
        <translation>Impossible de joindre la base de données %1 : %2</translation>
    </message>
    <message>
        <source>The database user %1 may not act as %2: %3</source>
        <translation>L’utilisateur %1 de la base de données ne peut pas agir en tant que %2 : %3</translation>
    </message>
    <message>
        <source>Lost the connection to the database; reconnecting…</source>
        <translation>Connexion à la base de données perdue ; reconnexion…</translation>
    </message>
    <message>
        <source>Lost the connection to the database and could not reconnect: %1</source>
        <translation>Connexion à la base de données perdue, reconnexion impossible : %1</translation>
    </message>
</context>
<context>
    <name>Bursar::Models::AuditModel</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Row</source>
        <extracomment>the audit row&apos;s number: its place in the hash chain</extracomment>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Actor</source>
        <extracomment>who did it: a staff login or the agent</extracomment>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Entity</source>
        <extracomment>what kind of object the action was about (order, refund, payout…)</extracomment>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Entity id</source>
        <translation>Identifiant de l’entité</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>Bursar::Models::EventsModel</name>
    <message>
        <source>The event was refused (%1).</source>
        <translation>L’événement a été refusé (%1).</translation>
    </message>
    <message>
        <source>platform</source>
        <extracomment>the event is the platform&apos;s own (no connected account)</extracomment>
        <translation>plateforme</translation>
    </message>
    <message>
        <source>Received</source>
        <extracomment>when the Bursar agent stored the event</extracomment>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>Status</source>
        <extracomment>processing status of a Stripe event</extracomment>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Object</source>
        <extracomment>the Stripe object the event is about (re_..., ch_...)</extracomment>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Account</source>
        <extracomment>Connect account of the event, or the platform</extracomment>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Attempts</source>
        <extracomment>how often the agent tried to apply the event</extracomment>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Reason</source>
        <extracomment>why the event failed or was skipped</extracomment>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Event id</source>
        <translation>Identifiant de l’événement</translation>
    </message>
</context>
<context>
    <name>Bursar::Models::OrdersModel</name>
    <message>
        <source>Refunded</source>
        <extracomment>column: amount refunded to the buyer</extracomment>
        <translation>Remboursé</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Acheteur</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Gross</source>
        <extracomment>column: amount the buyer paid</extracomment>
        <translation>Brut</translation>
    </message>
    <message>
        <source>Seller net</source>
        <extracomment>column: what the seller gets after fees</extracomment>
        <translation>Net vendeur</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>Livraison</translation>
    </message>
</context>
<context>
    <name>Bursar::Models::ReconcileModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>none</source>
        <extracomment>reconciliation: the object is not there (at Stripe or in the books)</extracomment>
        <translation>absent</translation>
    </message>
    <message>
        <source>%1 by %2: %3</source>
        <translation>%1 par %2 : %3</translation>
    </message>
    <message>
        <source>the agent</source>
        <translation>l’agent</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Difference</source>
        <extracomment>reconciliation: what differs between Stripe and the books</extracomment>
        <translation>Écart</translation>
    </message>
    <message>
        <source>Stripe object</source>
        <extracomment>reconciliation: Stripe&apos;s id of the object (a currency for fees)</extracomment>
        <translation>Objet Stripe</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Stripe</source>
        <extracomment>reconciliation: what Stripe has</extracomment>
        <translation>Stripe</translation>
    </message>
    <message>
        <source>Books</source>
        <extracomment>reconciliation: what Bursar&apos;s books have</extracomment>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Value</source>
        <extracomment>reconciliation: Stripe less the books, in money</extracomment>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Suggested repair</source>
        <extracomment>reconciliation: the suggested repair</extracomment>
        <translation>Correction suggérée</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Première détection</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Dernière détection</translation>
    </message>
</context>
<context>
    <name>Bursar::Models::RefundsModel</name>
    <message>
        <source>Created</source>
        <translation>Création</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Remboursement</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Approbation</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Demandé par</translation>
    </message>
    <message>
        <source>Stripe&apos;s reason / note</source>
        <translation>Motif Stripe / note</translation>
    </message>
</context>
<context>
    <name>Bursar::Models::RepairModel</name>
    <message>
        <source>Re-check at Stripe</source>
        <extracomment>repair centre action: ask Stripe again what it has for the operation</extracomment>
        <translation>Revérifier chez Stripe</translation>
    </message>
    <message>
        <source>Mark done as Stripe shows</source>
        <extracomment>repair centre action: record the outcome Stripe shows</extracomment>
        <translation>Marquer terminée selon Stripe</translation>
    </message>
    <message>
        <source>Release the reservation</source>
        <extracomment>repair centre action: free the money the operation reserved (Stripe has nothing)</extracomment>
        <translation>Libérer la réservation</translation>
    </message>
    <message>
        <source>Hand to a person</source>
        <extracomment>repair centre action: hand the operation to a person</extracomment>
        <translation>Confier à une personne</translation>
    </message>
    <message>
        <source>%1: the agent is carrying it out</source>
        <translation>%1 : en cours par l’agent</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Reserved</source>
        <extracomment>money a journal operation holds reserved until it settles</extracomment>
        <translation>Réservé</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <extracomment>the person a stuck operation was handed to</extracomment>
        <translation>Confiée à</translation>
    </message>
    <message>
        <source>Last repair</source>
        <translation>Dernière réparation</translation>
    </message>
</context>
<context>
    <name>Bursar::Models::WalletLedgerModel</name>
    <message>
        <source>Order %1</source>
        <translation>Commande %1</translation>
    </message>
    <message>
        <source>Refund %1 (order %2)</source>
        <translation>Remboursement %1 (commande %2)</translation>
    </message>
    <message>
        <source>Dispute %1</source>
        <translation>Litige %1</translation>
    </message>
    <message>
        <source>Payout %1</source>
        <translation>Versement %1</translation>
    </message>
    <message>
        <source>Adjustment by %1: %2</source>
        <translation>Ajustement par %1 : %2</translation>
    </message>
    <message>
        <source>The balance before this movement is not the balance after the previous one.</source>
        <translation>Le solde avant ce mouvement n’est pas le solde après le précédent.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>Mouvement</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>Gelé</translation>
    </message>
    <message>
        <source>Balance before</source>
        <extracomment>the wallet&apos;s total (available + pending + frozen) before the movement</extracomment>
        <translation>Solde avant</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>Solde après</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
</context>
<context>
    <name>Bursar::Models::WalletsModel</name>
    <message>
        <source>The balance (%1 available, %2 pending, %3 frozen) differs from its last ledger movement (%4, %5, %6).</source>
        <translation>Le solde (%1 disponible, %2 en attente, %3 gelé) diffère de son dernier mouvement au grand livre (%4, %5, %6).</translation>
    </message>
    <message>
        <source>The ledger does not start at zero.</source>
        <translation>Le grand livre ne part pas de zéro.</translation>
    </message>
    <message>
        <source>The ledger chain breaks at movement %1: its balance before is not the previous balance after.</source>
        <translation>La chaîne du grand livre est rompue au mouvement %1 : son solde avant n’est pas le solde après du précédent.</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Seller id</source>
        <translation>N° vendeur</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Available</source>
        <extracomment>wallet bucket: money the seller may be paid out</extracomment>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>wallet bucket: seller net of orders still held in escrow</extracomment>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Frozen</source>
        <extracomment>wallet bucket: frozen by open disputes</extracomment>
        <translation>Gelé</translation>
    </message>
    <message>
        <source>Owed</source>
        <extracomment>the seller owes the platform this much (negative available balance)</extracomment>
        <translation>Dû</translation>
    </message>
    <message>
        <source>KYC</source>
        <translation>KYC</translation>
    </message>
</context>
<context>
    <name>Bursar::Services::AgentStatus</name>
    <message>
        <source>No Bursar agent has ever run on this database.</source>
        <translation>Aucun agent Bursar n’a jamais fonctionné sur cette base de données.</translation>
    </message>
    <message>
        <source>No Bursar agent is running (last heartbeat %1).</source>
        <translation>Aucun agent Bursar ne fonctionne (dernier signal de vie %1).</translation>
    </message>
    <message>
        <source>The Bursar agent cannot reach Stripe: %1</source>
        <translation>L’agent Bursar ne joint pas Stripe : %1</translation>
    </message>
    <message>
        <source>Stripe refuses the Bursar agent&apos;s key: %1</source>
        <translation>Stripe refuse la clé de l’agent Bursar : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n Bursar agent(s) running; %1 operation(s) queued.</source>
        <translation>
            <numerusform>%n agent Bursar en marche ; %1 opération(s) en file.</numerusform>
            <numerusform>%n agents Bursar en marche ; %1 opération(s) en file.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bursar::Services::AuditVerification</name>
    <message>
        <source>Audit row %1 has no hash: it was written around the chain.</source>
        <translation>La ligne d’audit %1 n’a pas d’empreinte : elle a été écrite en contournant la chaîne.</translation>
    </message>
    <message>
        <source>Audit row %1 does not follow the row before it: a row was removed, inserted or re-chained.</source>
        <translation>La ligne d’audit %1 ne suit pas la ligne précédente : une ligne a été supprimée, insérée ou rechaînée.</translation>
    </message>
    <message>
        <source>Audit row %1, the first, does not start the chain: earlier rows were removed.</source>
        <translation>La ligne d’audit %1, la première, ne commence pas la chaîne : des lignes antérieures ont été supprimées.</translation>
    </message>
    <message>
        <source>Audit row %1 was changed after it was written: its content no longer matches its hash.</source>
        <translation>La ligne d’audit %1 a été modifiée après son écriture : son contenu ne correspond plus à son empreinte.</translation>
    </message>
</context>
<context>
    <name>Bursar::Services::BooksCheck</name>
    <message>
        <source>Every wallet equals the sum of its ledger</source>
        <translation>Chaque portefeuille correspond à la somme de son grand livre</translation>
    </message>
    <message>
        <source>Every ledger row starts where the row before it ended</source>
        <translation>Chaque ligne du grand livre commence là où la précédente s’arrête</translation>
    </message>
    <message>
        <source>Every order&apos;s money parts add up</source>
        <translation>Les montants de chaque commande sont cohérents</translation>
    </message>
    <message>
        <source>Frozen amounts match open disputes</source>
        <translation>Les montants gelés correspondent aux litiges ouverts</translation>
    </message>
    <message>
        <source>Refunded totals per charge equal Stripe&apos;s</source>
        <translation>Les totaux remboursés par paiement correspondent à ceux de Stripe</translation>
    </message>
    <message>
        <source>The audit chain verifies</source>
        <translation>La chaîne d’audit est intègre</translation>
    </message>
    <message>
        <source>%n charge(s) compared; %1 with refunds have no Stripe snapshot yet and were not checked.</source>
        <translation>Paiements comparés : %n ; paiements avec remboursements non contrôlés, faute d’instantané Stripe pour l’instant : %1.</translation>
    </message>
    <message>
        <source>%n checked.</source>
        <translation>Éléments contrôlés : %n.</translation>
    </message>
    <message>
        <source>%n wallet(s) differ from their ledger: %1.</source>
        <translation>Portefeuilles en écart avec leur grand livre (%n) : %1.</translation>
    </message>
    <message>
        <source>%n ledger row(s) do not follow the row before them: %1.</source>
        <translation>Lignes du grand livre qui ne suivent pas la précédente (%n) : %1.</translation>
    </message>
    <message>
        <source>%n order(s) whose fees, refunds or ledger do not add up: %1.</source>
        <translation>Commandes dont les frais, les remboursements ou le grand livre ne concordent pas (%n) : %1.</translation>
    </message>
    <message>
        <source>%n wallet(s) hold a frozen amount that no open dispute explains: %1.</source>
        <translation>Portefeuilles avec un montant gelé qu’aucun litige ouvert n’explique (%n) : %1.</translation>
    </message>
    <message>
        <source>%n charge(s) whose refunds differ from Stripe&apos;s amount_refunded: %1.</source>
        <translation>Paiements dont les remboursements diffèrent du champ amount_refunded de Stripe (%n) : %1.</translation>
    </message>
    <message>
        <source>Audit row %1 was changed after it was written.</source>
        <translation>La ligne d’audit %1 a été modifiée après son écriture.</translation>
    </message>
    <message>
        <source>Audit row %1 does not follow the row before it: a row was removed or inserted.</source>
        <translation>La ligne d’audit %1 ne suit pas la ligne précédente : une ligne a été supprimée ou insérée.</translation>
    </message>
    <message>
        <source>Audit row %1 was written around the chain.</source>
        <translation>La ligne d’audit %1 a été écrite en contournant la chaîne.</translation>
    </message>
    <message>
        <source>Audit rows after %1 were removed.</source>
        <translation>Des lignes d’audit postérieures à %1 ont été supprimées.</translation>
    </message>
    <message>
        <source>The audit chain breaks at row %1.</source>
        <translation>La chaîne d’audit est rompue à la ligne %1.</translation>
    </message>
    <message>
        <source>%n failure(s): %1.</source>
        <translation>Échecs (%n) : %1.</translation>
    </message>
</context>
<context>
    <name>Bursar::Services::OperationJournal</name>
    <message>
        <source>No database connection.</source>
        <translation>Pas de connexion à la base de données.</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>The database connection was closed.</source>
        <translation>La connexion à la base de données a été fermée.</translation>
    </message>
</context>
<context>
    <name>Bursar::Services::ReconcileDriver</name>
    <message>
        <source>reconciliation run %1 is %2</source>
        <translation>exécution de rapprochement %1 : %2</translation>
    </message>
    <message>
        <source>listing %1 at Stripe: %2</source>
        <translation>liste de %1 chez Stripe : %2</translation>
    </message>
    <message>
        <source>listing %1 of %2 at Stripe: %3</source>
        <translation>liste de %1 du compte %2 chez Stripe : %3</translation>
    </message>
</context>
<context>
    <name>Bursar::Services::RefundDriver</name>
    <message>
        <source>canceled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>Stripe&apos;s answer could not be read (%1); the refund stays pending for recovery.</source>
        <translation>La réponse de Stripe n’a pas pu être lue (%1) ; le remboursement reste en attente de reprise.</translation>
    </message>
    <message>
        <source>No definite answer from Stripe (%1). The refund is recorded and recovery finishes it with the same idempotency key; it will not be made twice.</source>
        <translation>Pas de réponse définitive de Stripe (%1). Le remboursement est enregistré et la reprise le terminera avec la même clé d’idempotence ; il ne sera pas effectué deux fois.</translation>
    </message>
    <message>
        <source>Stripe refused the refund: %1</source>
        <translation>Stripe a refusé le remboursement : %1</translation>
    </message>
    <message>
        <source>Stripe accepted the refund of %1 (%2); it is pending at Stripe and is kept current in the Refunds panel.</source>
        <translation>Stripe a accepté le remboursement de %1 (%2) ; il est en attente chez Stripe et son état est tenu à jour dans le panneau Remboursements.</translation>
    </message>
    <message>
        <source>Refunded %1 (%2).</source>
        <translation>Remboursement de %1 effectué (%2).</translation>
    </message>
    <message>
        <source>Stripe answered but the database connection was lost before the answer was recorded; recovery records it (the refund will not be made twice).</source>
        <translation>Stripe a répondu, mais la connexion à la base de données a été perdue avant l’enregistrement de la réponse ; la reprise l’enregistrera (le remboursement ne sera pas effectué deux fois).</translation>
    </message>
    <message>
        <source>Stripe&apos;s answer could not be recorded: %1. The operation needs attention.</source>
        <translation>La réponse de Stripe n’a pas pu être enregistrée : %1. L’opération nécessite une intervention.</translation>
    </message>
    <message>
        <source>Stripe&apos;s idempotency key for this refund has expired and Stripe has no refund for operation %1 on charge %2. Check the charge in Stripe, then retry as a new refund if none was made.</source>
        <translation>La clé d’idempotence de ce remboursement a expiré chez Stripe, et Stripe n’a aucun remboursement pour l’opération %1 sur la charge %2. Vérifiez le paiement dans Stripe, puis réessayez sous forme de nouveau remboursement si aucun n’a été effectué.</translation>
    </message>
    <message>
        <source>refund %1 of order %2: %3</source>
        <translation>remboursement %1 de la commande %2 : %3</translation>
    </message>
    <message>
        <source>refund %1 %2, %3</source>
        <translation>remboursement %1 %2, %3</translation>
    </message>
    <message>
        <source>metadata[bursar_operation]=%1 among the refunds of charge %2</source>
        <translation>metadata[bursar_operation]=%1 parmi les remboursements du paiement %2</translation>
    </message>
    <message>
        <source>the charge has more than %1 refunds; not all were searched</source>
        <translation>le paiement compte plus de %1 remboursements ; ils n’ont pas tous été examinés</translation>
    </message>
    <message>
        <source>no refund for operation %1 among the %2 refund(s) of charge %3</source>
        <translation>aucun remboursement pour l’opération %1 parmi les %2 remboursement(s) du paiement %3</translation>
    </message>
</context>
<context>
    <name>Bursar::Services::RefundPolicy</name>
    <message>
        <source>Duplicate charge</source>
        <extracomment>Stripe refund reason</extracomment>
        <translation>Paiement en double</translation>
    </message>
    <message>
        <source>Fraudulent charge</source>
        <extracomment>Stripe refund reason</extracomment>
        <translation>Paiement frauduleux</translation>
    </message>
    <message>
        <source>Requested by the customer</source>
        <extracomment>Stripe refund reason</extracomment>
        <translation>Demandé par le client</translation>
    </message>
    <message>
        <source>Order %1 cannot be refunded: its payment was never captured.</source>
        <translation>La commande %1 ne peut pas être remboursée : son paiement n’a jamais été capturé.</translation>
    </message>
    <message>
        <source>Order %1 cannot be refunded: its charge has a dispute (%2) and Stripe refuses refunds on disputed charges. Respond to the dispute instead.</source>
        <translation>La commande %1 ne peut pas être remboursée : son paiement fait l’objet d’un litige (%2) et Stripe refuse les remboursements sur les paiements contestés. Répondez plutôt au litige.</translation>
    </message>
    <message>
        <source>Order %1 has been refunded in full; nothing remains refundable.</source>
        <translation>La commande %1 a été remboursée en totalité ; il ne reste rien à rembourser.</translation>
    </message>
    <message>
        <source>Nothing remains refundable on order %1: %2 is already requested and not yet settled.</source>
        <translation>Il ne reste rien à rembourser sur la commande %1 : le montant de %2 est déjà demandé et pas encore réglé.</translation>
    </message>
    <message>
        <source>Order %1 has no captured charge to refund.</source>
        <translation>La commande %1 n’a aucun paiement capturé à rembourser.</translation>
    </message>
    <message>
        <source>Order %1 cannot be refunded now: %2.</source>
        <translation>La commande %1 ne peut pas être remboursée pour l’instant : %2.</translation>
    </message>
    <message>
        <source>The charge has an open inquiry (%1). A refund does not close it: answer the inquiry too, or the buyer&apos;s bank may still escalate it to a dispute.</source>
        <translation>Le paiement fait l’objet d’une demande de renseignements ouverte (%1). Un remboursement ne la clôt pas : répondez aussi à la demande, sinon la banque de l’acheteur peut encore la transformer en litige.</translation>
    </message>
    <message>
        <source>The charge had a dispute (%1). A refund does not change a dispute&apos;s outcome.</source>
        <translation>Le paiement a fait l’objet d’un litige (%1). Un remboursement ne change pas l’issue d’un litige.</translation>
    </message>
    <message>
        <source>The buyer gets back %1.</source>
        <translation>L’acheteur récupère %1.</translation>
    </message>
    <message>
        <source>Stripe keeps its processing fee of %1 on the charge (not returned on refunds).</source>
        <translation>Stripe conserve ses frais de traitement de %1 sur le paiement (non restitués en cas de remboursement).</translation>
    </message>
    <message>
        <source>The order is still in escrow: %1 comes out of the held funds; the seller&apos;s wallet is not charged (held for the seller: %2 → %3).</source>
        <translation>La commande est encore en séquestre : %1 est prélevé sur les fonds retenus ; le portefeuille du vendeur n’est pas débité (retenu pour le vendeur : %2 → %3).</translation>
    </message>
    <message>
        <source>The order was released to the seller: %1 is clawed back from the seller&apos;s wallet (available %2 → %3%4).</source>
        <translation>La commande a été libérée au profit du vendeur : %1 est repris sur le portefeuille du vendeur (disponible %2 → %3%4).</translation>
    </message>
    <message>
        <source>, negative: netted against future earnings</source>
        <translation>, négatif : compensé sur ses gains futurs</translation>
    </message>
    <message>
        <source>Platform fee returned: none (policy: the platform keeps its fee).</source>
        <translation>Commission de la plateforme restituée : aucune (règle : la plateforme conserve sa commission).</translation>
    </message>
    <message>
        <source>Platform fee returned: %1 of %2 (policy: proportional).</source>
        <translation>Commission de la plateforme restituée : %1 sur %2 (règle : proportionnelle).</translation>
    </message>
    <message>
        <source>Platform fee: the proportional share of %1 is not earned (the order is still in escrow).</source>
        <translation>Commission de la plateforme : la part proportionnelle de %1 n’est pas acquise (la commande est encore en séquestre).</translation>
    </message>
    <message>
        <source>Above your limit of %1: the refund waits for a finance or admin user to approve it.</source>
        <translation>Au-delà de votre plafond de %1 : le remboursement attend l’approbation d’un utilisateur finance ou administrateur.</translation>
    </message>
    <message>
        <source>The refund of %1 would exceed the %2 still refundable on order %3.</source>
        <translation>Le remboursement de %1 dépasserait les %2 encore remboursables sur la commande %3.</translation>
    </message>
    <message>
        <source>Write an internal note: why is this refund made?</source>
        <translation>Rédigez une note interne : pourquoi ce remboursement ?</translation>
    </message>
</context>
<context>
    <name>Bursar::Services::RefundService</name>
    <message>
        <source>Order %1 does not exist.</source>
        <translation>La commande %1 n’existe pas.</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation>Saisissez un montant supérieur à zéro.</translation>
    </message>
    <message>
        <source>Write an internal note: why is this refund made?</source>
        <translation>Rédigez une note interne : pourquoi ce remboursement ?</translation>
    </message>
    <message>
        <source>Order %1 is in %2, not %3.</source>
        <translation>La commande %1 est en %2, pas en %3.</translation>
    </message>
    <message>
        <source>The refund of %1 would exceed the %2 still refundable on order %3.</source>
        <translation>Le remboursement de %1 dépasserait les %2 encore remboursables sur la commande %3.</translation>
    </message>
    <message>
        <source>The database returned no refund.</source>
        <translation>La base de données n’a renvoyé aucun remboursement.</translation>
    </message>
    <message>
        <source>The database connection was lost while recording the refund; nothing was sent to Stripe. Check the Refunds panel before trying again: if the refund was recorded, recovery sends it.</source>
        <translation>La connexion à la base de données a été perdue pendant l’enregistrement du remboursement ; rien n’a été envoyé à Stripe. Vérifiez le panneau Remboursements avant de réessayer : si le remboursement a été enregistré, la reprise l’enverra.</translation>
    </message>
    <message>
        <source>The refund of %1 is above your limit and waits for a finance or admin user to approve it.</source>
        <translation>Le remboursement de %1 dépasse votre plafond et attend l’approbation d’un utilisateur finance ou administrateur.</translation>
    </message>
    <message>
        <source>The refund was recorded without a journal entry; nothing was sent.</source>
        <translation>Le remboursement a été enregistré sans entrée de journal ; rien n’a été envoyé.</translation>
    </message>
    <message>
        <source>Stripe refused the refund: %1</source>
        <translation>Stripe a refusé le remboursement : %1</translation>
    </message>
    <message>
        <source>Stripe accepted the refund of %1 (%2); it is pending at Stripe and is kept current in the Refunds panel.</source>
        <translation>Stripe a accepté le remboursement de %1 (%2) ; il est en attente chez Stripe et son état est tenu à jour dans le panneau Remboursements.</translation>
    </message>
    <message>
        <source>Refunded %1 (%2).</source>
        <translation>Remboursement de %1 effectué (%2).</translation>
    </message>
    <message>
        <source>Write why the refund is rejected.</source>
        <translation>Indiquez pourquoi le remboursement est rejeté.</translation>
    </message>
    <message>
        <source>Refund %1 rejected.</source>
        <translation>Remboursement %1 rejeté.</translation>
    </message>
    <message>
        <source>Refund %1 has not failed; only failed refunds can be retried.</source>
        <translation>Le remboursement %1 n’a pas échoué ; seuls les remboursements échoués peuvent être réessayés.</translation>
    </message>
    <message>
        <source>Retry of failed refund %1</source>
        <translation>Nouvel essai du remboursement échoué %1</translation>
    </message>
    <message>
        <source>The refund needs a person to look at it in the repair list: %1</source>
        <translation>Le remboursement doit être examiné par une personne dans la liste des réparations : %1</translation>
    </message>
    <message>
        <source>The refund of %1 is recorded; the Bursar agent sends it to Stripe.</source>
        <translation>Le remboursement de %1 est enregistré ; l’agent Bursar l’envoie à Stripe.</translation>
    </message>
    <message>
        <source>The refund of %1 is recorded and the Bursar agent has not finished it yet; the Refunds panel shows the result.</source>
        <translation>Le remboursement de %1 est enregistré et l’agent Bursar ne l’a pas encore terminé ; le panneau Remboursements en montre le résultat.</translation>
    </message>
    <message>
        <source>Recorded, waiting for the agent: %1 The refund is sent as soon as an agent runs.</source>
        <translation>Enregistré, en attente de l’agent : %1 Le remboursement sera envoyé dès qu’un agent fonctionnera.</translation>
    </message>
</context>
<context>
    <name>Bursar::Services::RepairDriver</name>
    <message>
        <source>repair %1 (%2) of operation %3: %4</source>
        <translation>réparation %1 (%2) de l’opération %3 : %4</translation>
    </message>
</context>
<context>
    <name>Bursar::Stripe::StripeClient</name>
    <message>
        <source>The Stripe path must start with /v1/.</source>
        <translation>Le chemin Stripe doit commencer par /v1/.</translation>
    </message>
    <message>
        <source>A POST to Stripe needs an idempotency key stored by the caller before it is sent.</source>
        <translation>Un POST vers Stripe exige une clé d’idempotence enregistrée par l’appelant avant l’envoi.</translation>
    </message>
    <message>
        <source>The idempotency key is longer than 255 characters.</source>
        <translation>La clé d’idempotence dépasse 255 caractères.</translation>
    </message>
    <message>
        <source>A file upload must be a POST.</source>
        <translation>Un envoi de fichier doit être un POST.</translation>
    </message>
    <message>
        <source>Stripe did not answer within %1 ms.</source>
        <translation>Stripe n’a pas répondu dans les %1 ms.</translation>
    </message>
    <message>
        <source>Stripe&apos;s answer was not a JSON object.</source>
        <translation>La réponse de Stripe n’était pas un objet JSON.</translation>
    </message>
</context>
<context>
    <name>Bursar::Stripe::StripeConfig</name>
    <message>
        <source>No Stripe API key is configured. Set BURSAR_STRIPE_KEY to a secret key (sk_test_... or sk_live_...) or a restricted key (rk_...) from the Stripe Dashboard.</source>
        <translation>Aucune clé d’API Stripe n’est configurée. Donnez à BURSAR_STRIPE_KEY une clé secrète (sk_test_... ou sk_live_...) ou une clé restreinte (rk_...) du Dashboard Stripe.</translation>
    </message>
    <message>
        <source>The configured Stripe key is a publishable key (pk_...), which cannot be used here. Bursar needs a secret key (sk_...) or a restricted key (rk_...).</source>
        <translation>La clé Stripe configurée est une clé publiable (pk_...), inutilisable ici. Bursar a besoin d’une clé secrète (sk_...) ou d’une clé restreinte (rk_...).</translation>
    </message>
    <message>
        <source>The configured Stripe key is a webhook signing secret (whsec_...). Bursar needs a secret key (sk_...) or a restricted key (rk_...).</source>
        <translation>La clé Stripe configurée est un secret de signature de webhook (whsec_...). Bursar a besoin d’une clé secrète (sk_...) ou d’une clé restreinte (rk_...).</translation>
    </message>
    <message>
        <source>The configured Stripe key has spaces or line breaks around it. Remove them.</source>
        <translation>La clé Stripe configurée est entourée d’espaces ou de sauts de ligne. Supprimez-les.</translation>
    </message>
    <message>
        <source>The configured Stripe key is not valid: it must start with sk_test_, sk_live_, rk_test_ or rk_live_ followed by letters and digits.</source>
        <translation>La clé Stripe configurée n’est pas valide : elle doit commencer par sk_test_, sk_live_, rk_test_ ou rk_live_, suivi de lettres et de chiffres.</translation>
    </message>
    <message>
        <source>The Stripe API address is not a valid URL.</source>
        <translation>L’adresse de l’API Stripe n’est pas une URL valide.</translation>
    </message>
    <message>
        <source>The Stripe API address uses plain http; that is only allowed for a local emulator (127.0.0.1 or localhost).</source>
        <translation>L’adresse de l’API Stripe utilise le http simple ; ce n’est permis que pour un émulateur local (127.0.0.1 ou localhost).</translation>
    </message>
    <message>
        <source>The Stripe API address must start with https://.</source>
        <translation>L’adresse de l’API Stripe doit commencer par https://.</translation>
    </message>
    <message>
        <source>BURSAR_STRIPE_RATE_LIMIT must be a number of requests per second (0 turns the limit off).</source>
        <translation>BURSAR_STRIPE_RATE_LIMIT doit être un nombre de requêtes par seconde (0 désactive la limite).</translation>
    </message>
    <message>
        <source>BURSAR_STRIPE_MAX_RETRIES must be a whole number from 0 to 20.</source>
        <translation>BURSAR_STRIPE_MAX_RETRIES doit être un nombre entier de 0 à 20.</translation>
    </message>
    <message>
        <source>BURSAR_STRIPE_TIMEOUT_MS must be a positive number of milliseconds.</source>
        <translation>BURSAR_STRIPE_TIMEOUT_MS doit être un nombre positif de millisecondes.</translation>
    </message>
</context>
<context>
    <name>Bursar::Stripe::StripeError</name>
    <message>
        <source>Stripe did not answer in time. The action may or may not have happened; retrying it is safe because Bursar reuses the same idempotency key.</source>
        <translation>Stripe n’a pas répondu à temps. L’action a pu avoir lieu ou non ; la réessayer est sans risque, car Bursar réutilise la même clé d’idempotence.</translation>
    </message>
    <message>
        <source>Bursar could not reach Stripe. Check the network connection and try again; retrying is safe.</source>
        <translation>Bursar n’a pas pu joindre Stripe. Vérifiez la connexion réseau et réessayez ; réessayer est sans risque.</translation>
    </message>
    <message>
        <source>Internal error: the request was not sent because it had no idempotency key.</source>
        <translation>Erreur interne : la requête n’a pas été envoyée, faute de clé d’idempotence.</translation>
    </message>
    <message>
        <source>The request was not sent to Stripe: %1</source>
        <translation>La requête n’a pas été envoyée à Stripe : %1</translation>
    </message>
    <message>
        <source>This action was already sent to Stripe with different details. Start a new action instead of repeating this one.</source>
        <translation>Cette action a déjà été envoyée à Stripe avec d’autres détails. Lancez une nouvelle action au lieu de répéter celle-ci.</translation>
    </message>
    <message>
        <source>This payment has already been refunded in full.</source>
        <translation>Ce paiement a déjà été remboursé en totalité.</translation>
    </message>
    <message>
        <source>This payment is under dispute and cannot be refunded while the dispute is open. Respond to the dispute instead.</source>
        <translation>Ce paiement fait l’objet d’un litige et ne peut pas être remboursé tant que le litige est ouvert. Répondez plutôt au litige.</translation>
    </message>
    <message>
        <source>This payment has already been captured.</source>
        <translation>Ce paiement a déjà été capturé.</translation>
    </message>
    <message>
        <source>The amount is larger than Stripe allows here (for a refund: more than remains refundable). Lower the amount.</source>
        <translation>Le montant dépasse ce que Stripe autorise ici (pour un remboursement : plus que ce qui reste remboursable). Réduisez le montant.</translation>
    </message>
    <message>
        <source>The amount is below Stripe&apos;s minimum for this currency.</source>
        <translation>Le montant est inférieur au minimum de Stripe pour cette devise.</translation>
    </message>
    <message>
        <source>The Stripe balance is too low for this. Wait for pending funds to become available or lower the amount.</source>
        <translation>Le solde Stripe est insuffisant pour cela. Attendez que les fonds en attente deviennent disponibles ou réduisez le montant.</translation>
    </message>
    <message>
        <source>Payouts are not enabled for this account. Check the account&apos;s verification requirements.</source>
        <translation>Les versements ne sont pas activés pour ce compte. Vérifiez les exigences de vérification du compte.</translation>
    </message>
    <message>
        <source>The connected account is not valid or no longer connected to this platform.</source>
        <translation>Le compte connecté n’est pas valide ou n’est plus rattaché à cette plateforme.</translation>
    </message>
    <message>
        <source>Another request for the same action is still running at Stripe. Try again in a moment.</source>
        <translation>Une autre requête pour la même action est encore en cours chez Stripe. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Stripe is busy with another change to the same object. Try again in a moment.</source>
        <translation>Stripe traite une autre modification du même objet. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The card was declined (%1).</source>
        <translation>La carte a été refusée (%1).</translation>
    </message>
    <message>
        <source>The card was declined.</source>
        <translation>La carte a été refusée.</translation>
    </message>
    <message>
        <source>Stripe has no such object. It may belong to another account, or to the other mode (test or live).</source>
        <translation>Cet objet n’existe pas chez Stripe. Il appartient peut-être à un autre compte, ou à l’autre mode (test ou réel).</translation>
    </message>
    <message>
        <source>Stripe rejected the value of &quot;%1&quot;: %2</source>
        <translation>Stripe a rejeté la valeur de « %1 » : %2</translation>
    </message>
    <message>
        <source>Stripe refused the API key. Check the key configured for Bursar.</source>
        <translation>Stripe a refusé la clé d’API. Vérifiez la clé configurée pour Bursar.</translation>
    </message>
    <message>
        <source>Stripe could not complete the operation: %1</source>
        <translation>Stripe n’a pas pu terminer l’opération : %1</translation>
    </message>
    <message>
        <source>The Stripe key is not allowed to do this (restricted key). Grant the permission in the Stripe Dashboard or use a key that has it.</source>
        <translation>La clé Stripe n’a pas le droit de faire cela (clé restreinte). Accordez l’autorisation dans le Dashboard Stripe ou utilisez une clé qui la possède.</translation>
    </message>
    <message>
        <source>The action conflicts with another request in progress. Try again in a moment.</source>
        <translation>L’action entre en conflit avec une autre requête en cours. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Stripe is limiting the request rate. Wait a moment and try again.</source>
        <translation>Stripe limite le débit des requêtes. Patientez un instant et réessayez.</translation>
    </message>
    <message>
        <source>Stripe reported an internal error; the outcome is unknown. Check the object&apos;s current state before trying again.</source>
        <translation>Stripe a signalé une erreur interne ; le résultat est inconnu. Vérifiez l’état actuel de l’objet avant de réessayer.</translation>
    </message>
    <message>
        <source>Stripe refused the request: %1</source>
        <translation>Stripe a refusé la requête : %1</translation>
    </message>
    <message>
        <source>Stripe refused the request (HTTP %1).</source>
        <translation>Stripe a refusé la requête (HTTP %1).</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::ActivityDock</name>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::ActivityModel</name>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Request id</source>
        <extracomment>Stripe&apos;s request id (req_...), quoted when contacting Stripe support</extracomment>
        <translation>Identifiant de requête</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::AuditAsOfDialog</name>
    <message>
        <source>As of…</source>
        <translation>État à une date…</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>ORD-… or an order id; a wallet id</source>
        <translation>ORD-… ou identifiant de commande ; n° de portefeuille</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Type an order or a wallet id.</source>
        <translation>Saisissez un identifiant de commande ou un n° de portefeuille.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>This could not be read: %1</source>
        <translation>Lecture impossible : %1</translation>
    </message>
    <message>
        <source>A wallet is named by its number.</source>
        <translation>Un portefeuille se désigne par son numéro.</translation>
    </message>
    <message>
        <source>There is no such order.</source>
        <translation>Cette commande n’existe pas.</translation>
    </message>
    <message>
        <source>Order %1 as of %2</source>
        <translation>Commande %1 au %2</translation>
    </message>
    <message>
        <source>It did not exist yet: it was created on %1.</source>
        <translation>Elle n’existait pas encore : elle a été créée le %1.</translation>
    </message>
    <message>
        <source>from audit row %1</source>
        <translation>d’après la ligne d’audit %1</translation>
    </message>
    <message>
        <source>no change recorded since</source>
        <translation>aucune modification enregistrée depuis</translation>
    </message>
    <message>
        <source>  %1: %2 (now %3; %4)</source>
        <translation>  %1 : %2 (actuellement %3 ; %4)</translation>
    </message>
    <message>
        <source>  %1: %2 (%3)</source>
        <translation>  %1 : %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>%n audit row(s) up to then, %1 after.</source>
        <translation>
            <numerusform>%n ligne d’audit jusque-là, %1 après.</numerusform>
            <numerusform>%n lignes d’audit jusque-là, %1 après.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no such wallet (or you may not read wallets).</source>
        <translation>Ce portefeuille n’existe pas (ou vous n’avez pas le droit de lire les portefeuilles).</translation>
    </message>
    <message>
        <source>Wallet %1 (seller %2, %3) as of %4</source>
        <translation>Portefeuille %1 (vendeur %2, %3) au %4</translation>
    </message>
    <message>
        <source>  available %1, pending %2, frozen %3</source>
        <translation>  disponible %1, en attente %2, gelé %3</translation>
    </message>
    <message>
        <source>  after ledger movement %1</source>
        <translation>  après le mouvement %1 du grand livre</translation>
    </message>
    <message>
        <source>  before its first ledger movement</source>
        <translation>  avant son premier mouvement au grand livre</translation>
    </message>
    <message>
        <source>  now: available %1, pending %2, frozen %3</source>
        <translation>  actuellement : disponible %1, en attente %2, gelé %3</translation>
    </message>
    <message numerus="yes">
        <source>%n movement(s) since.</source>
        <translation>
            <numerusform>%n mouvement depuis.</numerusform>
            <numerusform>%n mouvements depuis.</numerusform>
        </translation>
    </message>
    <message>
        <source> Then plus every movement since is now.</source>
        <translation> Le solde d’alors plus tous les mouvements depuis donne bien le solde actuel.</translation>
    </message>
    <message>
        <source> ⚠ Then plus the movements since is not the balance now.</source>
        <translation> ⚠ Le solde d’alors plus les mouvements depuis ne donne pas le solde actuel.</translation>
    </message>
    <message>
        <source>  … and more.</source>
        <translation>  … et plus.</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::AuditPanel</name>
    <message>
        <source>Actor (login)</source>
        <translation>Auteur (identifiant)</translation>
    </message>
    <message>
        <source>Action, or refund.</source>
        <extracomment>the action filter: an exact action, or a prefix ending with a dot</extracomment>
        <translation>Action, ou refund.</translation>
    </message>
    <message>
        <source>Any entity</source>
        <translation>Toutes les entités</translation>
    </message>
    <message>
        <source>Order (ORD-… or id)</source>
        <translation>Commande (ORD-… ou identifiant)</translation>
    </message>
    <message>
        <source>Seller id</source>
        <translation>N° vendeur</translation>
    </message>
    <message>
        <source>Copy audit row number</source>
        <translation>Copier le numéro de la ligne d’audit</translation>
    </message>
    <message numerus="yes">
        <source>%Ln audit row(s)</source>
        <translation>
            <numerusform>%Ln ligne d’audit</numerusform>
            <numerusform>%Ln lignes d’audit</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 audit rows</source>
        <translation>plus de %1 lignes d’audit</translation>
    </message>
    <message>
        <source>audit rows</source>
        <translation>lignes d’audit</translation>
    </message>
    <message>
        <source>The audit log could not be read: %1 (The audit log is for finance and admin staff.)</source>
        <translation>Le journal d’audit n’a pas pu être lu : %1 (le journal d’audit est réservé à la finance et aux administrateurs.)</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d’audit</translation>
    </message>
    <message>
        <source>As of…</source>
        <translation>État à une date…</translation>
    </message>
    <message>
        <source>An order or a wallet as it was at a moment you choose</source>
        <translation>Une commande ou un portefeuille tel qu’il était au moment de votre choix</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>Select a row to see what it changed.</source>
        <translation>Sélectionnez une ligne pour voir ce qu’elle a modifié.</translation>
    </message>
    <message>
        <source>order %1</source>
        <translation>commande %1</translation>
    </message>
    <message>
        <source>seller %1</source>
        <translation>vendeur %1</translation>
    </message>
    <message>
        <source>Row %1, %2: %3 by %4 (%5) on %6</source>
        <translation>Ligne %1, %2 : %3 par %4 (%5) sur %6</translation>
    </message>
    <message>
        <source>Changed by this action</source>
        <translation>Modifié par cette action</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note : %1</translation>
    </message>
    <message>
        <source>Stripe request %1</source>
        <translation>Requête Stripe %1</translation>
    </message>
    <message>
        <source>Operation %1</source>
        <translation>Opération %1</translation>
    </message>
    <message>
        <source>Checking the chain…</source>
        <translation>Vérification de la chaîne…</translation>
    </message>
    <message>
        <source>✓ Chain verified: rows %1–%2</source>
        <translation>✓ Chaîne vérifiée : lignes %1–%2</translation>
    </message>
    <message numerus="yes">
        <source>✓ Chain verified: the %n row(s) on screen</source>
        <translation>
            <numerusform>✓ Chaîne vérifiée : %n ligne affichée</numerusform>
            <numerusform>✓ Chaîne vérifiée : les %n lignes affichées</numerusform>
        </translation>
    </message>
    <message>
        <source>changed after it was written</source>
        <translation>modifiée après son écriture</translation>
    </message>
    <message>
        <source>does not follow the row before it (a row was removed or inserted)</source>
        <translation>ne suit pas la ligne précédente (une ligne a été supprimée ou insérée)</translation>
    </message>
    <message>
        <source>written around the chain</source>
        <translation>écrite en contournant la chaîne</translation>
    </message>
    <message>
        <source>⚠ Chain broken at row %1: %2</source>
        <translation>⚠ Chaîne rompue à la ligne %1 : %2</translation>
    </message>
    <message>
        <source>The chain could not be checked: %1</source>
        <translation>La chaîne n’a pas pu être vérifiée : %1</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::CommandPalette</name>
    <message>
        <source>Go to</source>
        <extracomment>Command palette: a row that opens what an id names (an order, a seller...)</extracomment>
        <translation>Aller à</translation>
    </message>
    <message>
        <source>Panel</source>
        <extracomment>Command palette: a row that switches to a panel</extracomment>
        <translation>Panneau</translation>
    </message>
    <message>
        <source>Action</source>
        <extracomment>Command palette: a row that runs an action (refund, export, copy...)</extracomment>
        <translation>Action</translation>
    </message>
    <message>
        <source>Type a panel, an action, or paste an id (ORD-…, pi_…, ch_…, acct_…)</source>
        <translation>Tapez un panneau, une action, ou collez un identifiant (ORD-…, pi_…, ch_…, acct_…)</translation>
    </message>
    <message>
        <source>↑↓ to move · Enter to run · Esc to close</source>
        <translation>↑↓ pour choisir · Entrée pour lancer · Échap pour fermer</translation>
    </message>
    <message>
        <source>Hide %1</source>
        <translation>Masquer %1</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Afficher %1</translation>
    </message>
    <message>
        <source>Not connected: ids cannot be looked up.</source>
        <translation>Non connecté : les identifiants ne peuvent pas être recherchés.</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <extracomment>%1 an id (ORD-0001234, pi_…) being looked up in the database</extracomment>
        <translation>Recherche de %1…</translation>
    </message>
    <message>
        <source>The id could not be looked up: %1</source>
        <translation>L’identifiant n’a pas pu être recherché : %1</translation>
    </message>
    <message>
        <source>The id could not be looked up.</source>
        <translation>L’identifiant n’a pas pu être recherché.</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Commande %1</translation>
    </message>
    <message>
        <source>Charge %1 — order %2</source>
        <extracomment>%1 a Stripe charge id (ch_…), %2 the order&apos;s public id</extracomment>
        <translation>Paiement %1 — commande %2</translation>
    </message>
    <message>
        <source>Payment intent %1 — order %2</source>
        <extracomment>%1 a Stripe payment intent id (pi_…), %2 the order&apos;s public id</extracomment>
        <translation>Intention de paiement %1 — commande %2</translation>
    </message>
    <message>
        <source>Refund %1 — order %2</source>
        <extracomment>%1 a Stripe refund id (re_…), %2 the order&apos;s public id</extracomment>
        <translation>Remboursement %1 — commande %2</translation>
    </message>
    <message>
        <source>Dispute %1 — order %2</source>
        <extracomment>%1 a Stripe dispute id (dp_…), %2 the order&apos;s public id</extracomment>
        <translation>Litige %1 — commande %2</translation>
    </message>
    <message>
        <source>Orders of seller %1</source>
        <extracomment>%1 a seller&apos;s name; the row opens the Orders panel filtered by that seller</extracomment>
        <translation>Commandes du vendeur %1</translation>
    </message>
    <message>
        <source>Payout %1 (no panel yet)</source>
        <extracomment>%1 a Stripe payout or transfer id (po_…, tr_…); there is no Payouts panel yet</extracomment>
        <translation>Versement %1 (pas encore de panneau)</translation>
    </message>
    <message>
        <source>Nothing found for %1</source>
        <extracomment>%1 the id typed or pasted into the command palette</extracomment>
        <translation>Rien trouvé pour %1</translation>
    </message>
    <message>
        <source>No command matches “%1”</source>
        <extracomment>%1 the text typed into the command palette</extracomment>
        <translation>Aucune action ne correspond à « %1 »</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::ConsolePanels</name>
    <message>
        <source>Overview</source>
        <extracomment>navigation entry: the live figures of the marketplace</extracomment>
        <translation>Vue d’ensemble</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Remboursements</translation>
    </message>
    <message>
        <source>Wallets</source>
        <extracomment>navigation entry: every seller&apos;s wallet and its ledger (finance)</extracomment>
        <translation>Portefeuilles</translation>
    </message>
    <message>
        <source>Events</source>
        <extracomment>navigation entry: every Stripe event the agent stored and applied (every staff role reads them, 0009)</extracomment>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Repair</source>
        <extracomment>navigation entry: journal operations that need a person, with what Stripe says (finance)</extracomment>
        <translation>Réparations</translation>
    </message>
    <message>
        <source>Audit log</source>
        <extracomment>navigation entry: every staff and agent action, with the audit chain&apos;s state (finance, admin)</extracomment>
        <translation>Journal d’audit</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <extracomment>navigation entry: the differences between Stripe and the books (finance, admin)</extracomment>
        <translation>Rapprochement</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::CurrencyFilter</name>
    <message>
        <source>Any currency</source>
        <translation>Toute devise</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::DateRangeFilter</name>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::EventsPanel</name>
    <message>
        <source>Object id (re_…, ch_…) or event id (evt_…)</source>
        <translation>Identifiant d’objet (re_…, ch_…) ou d’événement (evt_…)</translation>
    </message>
    <message>
        <source>platform or acct_…</source>
        <translation>plateforme ou acct_…</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Copy event id</source>
        <translation>Copier l’identifiant de l’événement</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln événement</numerusform>
            <numerusform>%Ln événements</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 events</source>
        <translation>plus de %1 événements</translation>
    </message>
    <message>
        <source>The events could not be read: %1</source>
        <translation>Les événements n’ont pas pu être lus : %1</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Rejouer</translation>
    </message>
    <message>
        <source>Put events back for the Bursar agent to apply again (admin; audited)</source>
        <translation>Remettre des événements en file pour que l’agent Bursar les applique de nouveau (admin ; consigné au journal d’audit)</translation>
    </message>
    <message>
        <source>Replay this event</source>
        <translation>Rejouer cet événement</translation>
    </message>
    <message>
        <source>Replay the failed events of this filter</source>
        <translation>Rejouer les événements en échec de ce filtre</translation>
    </message>
    <message>
        <source>Replay every event since the filter&apos;s start</source>
        <translation>Rejouer tous les événements depuis le début du filtre</translation>
    </message>
    <message>
        <source>Select an event to see its payload.</source>
        <translation>Sélectionnez un événement pour voir son contenu.</translation>
    </message>
    <message>
        <source>This event is not stored (any more).</source>
        <translation>Cet événement n’est pas (ou plus) enregistré.</translation>
    </message>
    <message>
        <source>platform</source>
        <translation>plateforme</translation>
    </message>
    <message>
        <source>object %1</source>
        <translation>objet %1</translation>
    </message>
    <message>
        <source>Stripe status %1</source>
        <translation>statut Stripe %1</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n tentative</numerusform>
            <numerusform>%n tentatives</numerusform>
        </translation>
    </message>
    <message>
        <source>Stripe created it %1; received %2%3</source>
        <translation>Créé par Stripe le %1 ; reçu le %2%3</translation>
    </message>
    <message>
        <source>; no API request (Stripe Dashboard or Stripe itself)</source>
        <translation> ; aucune requête d’API (Dashboard Stripe ou Stripe lui-même)</translation>
    </message>
    <message>
        <source>; request %1</source>
        <translation> ; requête %1</translation>
    </message>
    <message>
        <source>Stripe says: %1</source>
        <translation>Stripe indique : %1</translation>
    </message>
    <message>
        <source>⚠ Failed: %1</source>
        <translation>⚠ Échec : %1</translation>
    </message>
    <message>
        <source>The event could not be read: %1</source>
        <translation>L’événement n’a pas pu être lu : %1</translation>
    </message>
    <message numerus="yes">
        <source>No events settled in the last %n hour(s)</source>
        <extracomment>the health figure of DOMAIN.md: share of Stripe events applied (or rightly skipped) of those settled</extracomment>
        <translation>
            <numerusform>Aucun événement finalisé au cours de la dernière heure (%n h)</numerusform>
            <numerusform>Aucun événement finalisé au cours des %n dernières heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Event processing: %1 % succeeded in the last %n hour(s) (%2 applied, %3 skipped, %4 failed)</source>
        <translation>
            <numerusform>Traitement des événements : %1 % de réussite au cours de la dernière heure, soit %n h (%2 appliqués, %3 ignorés, %4 en échec)</numerusform>
            <numerusform>Traitement des événements : %1 % de réussite au cours des %n dernières heures (%2 appliqués, %3 ignorés, %4 en échec)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Critical: only %1 % of the Stripe events of the last %n hour(s) were applied (the alert is below 95 %). Filter by status Failed to see why.</source>
        <translation>
            <numerusform>Critique : seuls %1 % des événements Stripe de la dernière heure (%n h) ont été appliqués (l’alerte se déclenche sous 95 %). Filtrez sur le statut Échoué pour en voir la raison.</numerusform>
            <numerusform>Critique : seuls %1 % des événements Stripe des %n dernières heures ont été appliqués (l’alerte se déclenche sous 95 %). Filtrez sur le statut Échoué pour en voir la raison.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replay event %1? The Bursar agent applies it again; applying twice changes nothing.</source>
        <translation>Rejouer l’événement %1 ? L’agent Bursar l’applique de nouveau ; l’appliquer deux fois ne change rien.</translation>
    </message>
    <message>
        <source>Replay every failed event of this filter? The Bursar agent applies them again.</source>
        <translation>Rejouer tous les événements en échec de ce filtre ? L’agent Bursar les applique de nouveau.</translation>
    </message>
    <message>
        <source>Replay every event Stripe created since %1, whatever its status? The Bursar agent applies them again; events already applied change nothing.</source>
        <translation>Rejouer tous les événements créés par Stripe depuis le %1, quel que soit leur statut ? L’agent Bursar les applique de nouveau ; les événements déjà appliqués ne changent rien.</translation>
    </message>
    <message>
        <source>Replay events</source>
        <translation>Rejouer des événements</translation>
    </message>
    <message>
        <source>Only an admin may replay events.</source>
        <translation>Seul un administrateur peut rejouer des événements.</translation>
    </message>
    <message>
        <source>Select an event first.</source>
        <translation>Sélectionnez d’abord un événement.</translation>
    </message>
    <message>
        <source>Choose a start time in the filter first.</source>
        <translation>Choisissez d’abord une date de début dans le filtre.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) put back for the Bursar agent to apply again.</source>
        <translation>
            <numerusform>%n événement remis en file pour que l’agent Bursar l’applique de nouveau.</numerusform>
            <numerusform>%n événements remis en file pour que l’agent Bursar les applique de nouveau.</numerusform>
        </translation>
    </message>
    <message>
        <source>The events could not be replayed: %1</source>
        <translation>Les événements n’ont pas pu être rejoués : %1</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::EventsStatusLabel</name>
    <message numerus="yes">
        <source>%n event(s) failed</source>
        <extracomment>status bar: Stripe events the agent could not apply; a click shows them</extracomment>
        <translation>
            <numerusform>%n événement en échec</numerusform>
            <numerusform>%n événements en échec</numerusform>
        </translation>
    </message>
    <message>
        <source>Stripe events the Bursar agent could not apply. Click to see them in the Events panel.</source>
        <translation>Événements Stripe que l’agent Bursar n’a pas pu appliquer. Cliquez pour les voir dans le panneau Événements.</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::MainWindow</name>
    <message>
        <source>Bursar is free software under the GNU General Public License, version 3 or later.</source>
        <translation>Bursar est un logiciel libre sous licence publique générale GNU, version 3 ou ultérieure.</translation>
    </message>
    <message>
        <source>BURSAR_DB is not usable. %1</source>
        <translation>BURSAR_DB est inutilisable. %1</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; is unknown; use support, finance, admin or viewer.</source>
        <translation>Le rôle « %1 » est inconnu ; utilisez support, finance, admin ou viewer.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Connecté à %1.</translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation>La base de données n’a pas pu être ouverte.</translation>
    </message>
    <message>
        <source>Lost the connection to the database; reconnecting…</source>
        <translation>Connexion à la base de données perdue ; reconnexion…</translation>
    </message>
    <message>
        <source>Database not configured</source>
        <translation>Base de données non configurée</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation>Déconnecté de %1</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>Connecté à %1 en tant que %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation>Reconnexion à %1…</translation>
    </message>
    <message>
        <source>TEST</source>
        <extracomment>Stripe test mode badge in the status bar; keep it short</extracomment>
        <translation>TEST</translation>
    </message>
    <message>
        <source>LIVE</source>
        <extracomment>Stripe live mode badge in the status bar (real money); keep it short</extracomment>
        <translation>RÉEL</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>About Bursar</source>
        <translation>À propos de Bursar</translation>
    </message>
    <message>
        <source>Back-office console for Stripe marketplaces.</source>
        <translation>Console d’administration pour les places de marché Stripe.</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>Stripe mode</source>
        <translation>Mode Stripe</translation>
    </message>
    <message>
        <source>Bursar</source>
        <translation>Bursar</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message numerus="yes">
        <source>Applied %n schema migration(s).</source>
        <translation>
            <numerusform>%n migration de schéma appliquée.</numerusform>
            <numerusform>%n migrations de schéma appliquées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Schema of %1 not usable</source>
        <translation>Schéma de %1 inutilisable</translation>
    </message>
    <message>
        <source>Checking the schema of %1…</source>
        <translation>Vérification du schéma de %1…</translation>
    </message>
    <message>
        <source>No Bursar agent is running: none has sent a heartbeat to this database (an agent that stops cleanly removes its own).</source>
        <translation>Aucun agent Bursar ne fonctionne : aucun n’a envoyé de signal de vie à cette base de données (un agent qui s’arrête proprement retire le sien).</translation>
    </message>
    <message>
        <source>Agent state unknown</source>
        <translation>État de l’agent inconnu</translation>
    </message>
    <message>
        <source>Agent starting: checking Stripe…</source>
        <translation>Agent en démarrage : vérification de Stripe…</translation>
    </message>
    <message>
        <source>Agent running · %1 queued</source>
        <extracomment>%1 journal operations waiting to be sent (0 when idle)</extracomment>
        <translation>Agent en marche · %1 en file</translation>
    </message>
    <message>
        <source>Agent cannot reach Stripe — requests wait</source>
        <translation>L’agent ne joint pas Stripe — les demandes attendent</translation>
    </message>
    <message>
        <source>Stripe refuses the agent&apos;s key — requests wait</source>
        <translation>Stripe refuse la clé de l’agent — les demandes attendent</translation>
    </message>
    <message>
        <source>No agent since %1 — requests wait</source>
        <extracomment>%1 the time (or date and time) of the last heartbeat of a Bursar agent</extracomment>
        <translation>Aucun agent depuis %1 — les demandes attendent</translation>
    </message>
    <message>
        <source>No agent running — requests wait</source>
        <translation>Aucun agent en marche — les demandes attendent</translation>
    </message>
    <message>
        <source>The agents&apos; heartbeats could not be read.</source>
        <translation>Les signaux de vie des agents n’ont pas pu être lus.</translation>
    </message>
    <message>
        <source>Bursar agent</source>
        <translation>Agent Bursar</translation>
    </message>
    <message>
        <source>The Bursar agent runs and reaches Stripe: requests are sent again.</source>
        <translation>L’agent Bursar fonctionne et joint Stripe : les demandes sont de nouveau envoyées.</translation>
    </message>
    <message>
        <source>The state of the Bursar agent cannot be read: %1</source>
        <translation>L’état de l’agent Bursar ne peut pas être lu : %1</translation>
    </message>
    <message>
        <source>Last heartbeat from %1 at %2.</source>
        <translation>Dernier signal de vie de %1 à %2.</translation>
    </message>
    <message>
        <source>Live installation: actions move real money.</source>
        <translation>Installation réelle : les actions déplacent de l’argent réel.</translation>
    </message>
    <message>
        <source>Test installation: no real money moves.</source>
        <translation>Installation de test : aucun argent réel ne bouge.</translation>
    </message>
    <message>
        <source>Refunds are recorded and wait: no Bursar agent is running. Start one with &quot;bursar-cli agent&quot; where the Stripe key is kept.</source>
        <translation>Les remboursements sont enregistrés et attendent : aucun agent Bursar ne fonctionne. Démarrez-en un avec « bursar-cli agent » là où la clé Stripe est conservée.</translation>
    </message>
    <message>
        <source>Refunds are recorded and wait: no Bursar agent is running since %1. They are sent when an agent runs again.</source>
        <translation>Les remboursements sont enregistrés et attendent : aucun agent Bursar ne fonctionne depuis %1. Ils seront envoyés dès qu’un agent fonctionnera de nouveau.</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>pas encore connu</translation>
    </message>
    <message>
        <source>Command palette…</source>
        <translation>Palette de commandes…</translation>
    </message>
    <message>
        <source>Go to a panel, run an action, or open an order, charge, payment intent, seller, dispute or payout by its id</source>
        <translation>Aller à un panneau, lancer une action, ou ouvrir une commande, un paiement, une intention de paiement, un vendeur, un litige ou un versement par son identifiant</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::OrderDetailPane</name>
    <message>
        <source>Add note</source>
        <translation>Ajouter une note</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>A note for the team (kept with your name and the time)</source>
        <translation>Une note pour l’équipe (conservée avec votre nom et l’heure)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>Aucune commande sélectionnée</translation>
    </message>
    <message>
        <source>Select an order to see its money, timeline and notes.</source>
        <translation>Sélectionnez une commande pour voir ses montants, son historique et ses notes.</translation>
    </message>
    <message>
        <source>The order could not be loaded: %1</source>
        <translation>La commande n’a pas pu être chargée : %1</translation>
    </message>
    <message>
        <source>Order not found</source>
        <translation>Commande introuvable</translation>
    </message>
    <message>
        <source>It may have been removed, or your role may not read it.</source>
        <translation>Elle a peut-être été supprimée, ou votre rôle ne permet pas de la lire.</translation>
    </message>
    <message>
        <source>%1 · payment %2 · fulfilment %3</source>
        <translation>%1 · paiement %2 · livraison %3</translation>
    </message>
    <message>
        <source>Seller: %1</source>
        <translation>Vendeur : %1</translation>
    </message>
    <message>
        <source>Buyer: %1</source>
        <translation>Acheteur : %1</translation>
    </message>
    <message>
        <source>Open in Stripe Dashboard</source>
        <translation>Ouvrir dans le Dashboard Stripe</translation>
    </message>
    <message>
        <source>✓ The parts add up: fees and net match the gross, and the wallet ledger holds the seller&apos;s share.</source>
        <translation>✓ Le compte est bon : les frais et le net correspondent au brut, et le grand livre du portefeuille contient la part du vendeur.</translation>
    </message>
    <message>
        <source>gross minus fees differs from the seller net by %1</source>
        <translation>le brut moins les frais diffère du net vendeur de %1</translation>
    </message>
    <message>
        <source>the ledger differs from the seller&apos;s share by %1</source>
        <translation>le grand livre diffère de la part du vendeur de %1</translation>
    </message>
    <message>
        <source>✗ Does not add up: %1</source>
        <translation>✗ Le compte n’est pas bon : %1</translation>
    </message>
    <message>
        <source>The note was not saved: %1</source>
        <translation>La note n’a pas été enregistrée : %1</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Rembourser…</translation>
    </message>
    <message>
        <source>Only support or admin users request refunds.</source>
        <translation>Seuls les utilisateurs support ou admin demandent des remboursements.</translation>
    </message>
    <message>
        <source>Your role may not add notes.</source>
        <translation>Votre rôle ne permet pas d’ajouter des notes.</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::OrdersPanel</name>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Order, pi_…, ch_…, buyer e-mail or seller name</source>
        <translation>Commande, pi_…, ch_…, e-mail de l’acheteur ou nom du vendeur</translation>
    </message>
    <message>
        <source>Any payment</source>
        <translation>Tous les paiements</translation>
    </message>
    <message>
        <source>Any fulfilment</source>
        <translation>Toutes les livraisons</translation>
    </message>
    <message>
        <source>Refunds: any</source>
        <translation>Remboursements : tous</translation>
    </message>
    <message>
        <source>With refund</source>
        <translation>Avec remboursement</translation>
    </message>
    <message>
        <source>Without refund</source>
        <translation>Sans remboursement</translation>
    </message>
    <message>
        <source>Disputes: any</source>
        <translation>Litiges : tous</translation>
    </message>
    <message>
        <source>With dispute</source>
        <translation>Avec litige</translation>
    </message>
    <message>
        <source>Without dispute</source>
        <translation>Sans litige</translation>
    </message>
    <message>
        <source>Min gross</source>
        <translation>Brut min.</translation>
    </message>
    <message>
        <source>Max gross</source>
        <translation>Brut max.</translation>
    </message>
    <message>
        <source>Seller: %1 ✕</source>
        <translation>Vendeur : %1 ✕</translation>
    </message>
    <message>
        <source>Show the orders of every seller</source>
        <translation>Afficher les commandes de tous les vendeurs</translation>
    </message>
    <message>
        <source>more than %1 orders</source>
        <translation>plus de %1 commandes</translation>
    </message>
    <message>
        <source>about %1 orders</source>
        <translation>environ %1 commandes</translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s)</source>
        <translation>
            <numerusform>%Ln commande</numerusform>
            <numerusform>%Ln commandes</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy order id</source>
        <translation>Copier l’identifiant de la commande</translation>
    </message>
    <message>
        <source>Find orders</source>
        <translation>Rechercher des commandes</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>commandes</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::OverviewPanel</name>
    <message>
        <source>The overview could not be loaded.</source>
        <translation>La vue d’ensemble n’a pas pu être chargée.</translation>
    </message>
    <message>
        <source>This database has no Bursar tables yet. Apply the migrations with &quot;bursar-cli migrate&quot; or restart the console with a migrated database.</source>
        <translation>Cette base de données n’a pas encore de tables Bursar. Appliquez les migrations avec « bursar-cli migrate » ou relancez la console sur une base migrée.</translation>
    </message>
    <message>
        <source>Your role may not read some figures (%1); they show a dash.</source>
        <translation>Votre rôle ne peut pas lire certains chiffres (%1) ; ils affichent un tiret.</translation>
    </message>
    <message>
        <source>%1 in the last 30 days</source>
        <translation>%1 ces 30 derniers jours</translation>
    </message>
    <message>
        <source> and more</source>
        <translation> et plus</translation>
    </message>
    <message>
        <source>Nothing held</source>
        <translation>Rien en séquestre</translation>
    </message>
    <message>
        <source>%1 need a response</source>
        <translation>%1 attendent une réponse</translation>
    </message>
    <message>
        <source>pending or needing attention</source>
        <translation>en attente ou à surveiller</translation>
    </message>
    <message>
        <source>%1 restricted or rejected</source>
        <translation>%1 restreints ou refusés</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Mis à jour à %1</translation>
    </message>
    <message>
        <source>Last updated %1</source>
        <translation>Dernière mise à jour à %1</translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>Non chargé</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vue d’ensemble</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Held in escrow</source>
        <extracomment>Money held in escrow (captured but not yet released to sellers)</extracomment>
        <translation>En séquestre</translation>
    </message>
    <message>
        <source>Open disputes</source>
        <translation>Litiges ouverts</translation>
    </message>
    <message>
        <source>Payouts in flight</source>
        <translation>Versements en cours</translation>
    </message>
    <message>
        <source>Operations to watch</source>
        <translation>Opérations à surveiller</translation>
    </message>
    <message>
        <source>Sellers</source>
        <translation>Vendeurs</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) held</source>
        <translation>
            <numerusform>%Ln commande en séquestre</numerusform>
            <numerusform>%Ln commandes en séquestre</numerusform>
        </translation>
    </message>
    <message>
        <source>pending or in transit; %1 failed</source>
        <translation>en attente ou en transit ; %1 en échec</translation>
    </message>
    <message>
        <source>Never verified: run &quot;bursar-cli verify&quot;; the agent verifies nightly</source>
        <translation>Jamais effectuée : lancez « bursar-cli verify » ; l’agent vérifie chaque nuit</translation>
    </message>
    <message>
        <source>the agent&apos;s nightly run</source>
        <extracomment>who ran the last verification of the books: the agent&apos;s nightly run or a staff login</extracomment>
        <translation>l’exécution nocturne de l’agent</translation>
    </message>
    <message>
        <source>Passed</source>
        <extracomment>the books verified: every check passed</extracomment>
        <translation>Réussie</translation>
    </message>
    <message>
        <source>Every check passed %1, by %2</source>
        <translation>Tous les contrôles réussis le %1, par %2</translation>
    </message>
    <message>
        <source>Failed</source>
        <extracomment>the books did not verify: some checks failed</extracomment>
        <translation>Échouée</translation>
    </message>
    <message>
        <source>%1, by %2. Failed: %3</source>
        <translation>Le %1, par %2. En échec : %3</translation>
    </message>
    <message>
        <source>Books verified</source>
        <translation>Vérification des comptes</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::ReasonDialog</name>
    <message>
        <source>Why (required; kept in the audit log)</source>
        <translation>Pourquoi (obligatoire ; conservé dans le journal d’audit)</translation>
    </message>
    <message>
        <source>Why (kept in the audit log)</source>
        <translation>Pourquoi (conservé dans le journal d’audit)</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motif :</translation>
    </message>
    <message>
        <source>Login or name of the person (required)</source>
        <translation>Identifiant ou nom de la personne (obligatoire)</translation>
    </message>
    <message>
        <source>Hand to:</source>
        <translation>Confier à :</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note :</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::ReconcilePanel</name>
    <message>
        <source>Charges</source>
        <translation>Paiements</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Remboursements</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>Litiges</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transferts</translation>
    </message>
    <message>
        <source>Payouts</source>
        <translation>Versements</translation>
    </message>
    <message>
        <source>Fees</source>
        <extracomment>reconciliation: Stripe&apos;s processing fees per currency against the books&apos;</extracomment>
        <translation>Frais</translation>
    </message>
    <message>
        <source>Stripe id, ORD-… or order id</source>
        <translation>Identifiant Stripe, ORD-… ou identifiant de commande</translation>
    </message>
    <message>
        <source>Any object</source>
        <translation>Tous les objets</translation>
    </message>
    <message>
        <source>Include resolved</source>
        <extracomment>filter: also the differences already resolved</extracomment>
        <translation>Inclure les résolus</translation>
    </message>
    <message numerus="yes">
        <source>%Ln difference(s)</source>
        <translation>
            <numerusform>%Ln écart</numerusform>
            <numerusform>%Ln écarts</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 differences</source>
        <translation>plus de %1 écarts</translation>
    </message>
    <message>
        <source>The differences could not be read: %1</source>
        <translation>Les écarts n’ont pas pu être lus : %1</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Rapprochement</translation>
    </message>
    <message>
        <source>Reconcile now…</source>
        <translation>Rapprocher maintenant…</translation>
    </message>
    <message>
        <source>Mark fixed…</source>
        <extracomment>resolve a reconciliation difference: the books or Stripe were corrected</extracomment>
        <translation>Marquer corrigé…</translation>
    </message>
    <message>
        <source>Accept…</source>
        <extracomment>resolve a reconciliation difference: it stands, on purpose</extracomment>
        <translation>Accepter…</translation>
    </message>
    <message>
        <source>The last reconciliation could not be read: %1</source>
        <translation>Le dernier rapprochement n’a pas pu être lu : %1</translation>
    </message>
    <message>
        <source>No reconciliation has run yet. Reconcile now compares Stripe with the books.</source>
        <translation>Aucun rapprochement n’a encore été effectué. « Rapprocher maintenant » compare Stripe aux comptes.</translation>
    </message>
    <message>
        <source>Run %1 (everything since %2) is being carried out by the agent; requested by %3 at %4.</source>
        <translation>L’exécution %1 (tout depuis le %2) est en cours chez l’agent ; demandée par %3 le %4.</translation>
    </message>
    <message>
        <source>Run %1 (since %2) failed at %3: %4. Nothing was resolved by it; reconcile again.</source>
        <translation>L’exécution %1 (depuis le %2) a échoué le %3 : %4. Elle n’a rien résolu ; relancez le rapprochement.</translation>
    </message>
    <message>
        <source>Run %1 (since %2) finished at %3: %4 Stripe objects compared with the books.</source>
        <translation>L’exécution %1 (depuis le %2) s’est terminée le %3 : %4 objets Stripe comparés aux comptes.</translation>
    </message>
    <message>
        <source>Stripe and the books agree.</source>
        <translation>Stripe et les comptes concordent.</translation>
    </message>
    <message>
        <source>Open differences: %1 (%2); new in this run: %3.</source>
        <extracomment>reconciliation run: the open differences, their money value per currency, and how many are new</extracomment>
        <translation>Écarts ouverts : %1 (%2) ; nouveaux dans cette exécution : %3.</translation>
    </message>
    <message>
        <source>No longer differ: %1.</source>
        <translation>Résorbés : %1.</translation>
    </message>
    <message>
        <source>Left for the next run while Stripe changes them: %1.</source>
        <translation>Reportés à la prochaine exécution, car en cours de modification chez Stripe : %1.</translation>
    </message>
    <message>
        <source>Select a difference to see Stripe&apos;s value beside the books&apos; and the suggested repair.</source>
        <translation>Sélectionnez un écart pour voir la valeur de Stripe à côté de celle des comptes, ainsi que la correction suggérée.</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1 : %2 %3</translation>
    </message>
    <message>
        <source>Order: %1</source>
        <translation>Commande : %1</translation>
    </message>
    <message>
        <source>Seller: %1</source>
        <translation>Vendeur : %1</translation>
    </message>
    <message>
        <source>Stripe: %1</source>
        <translation>Stripe : %1</translation>
    </message>
    <message>
        <source>Books: %1</source>
        <translation>Comptes : %1</translation>
    </message>
    <message>
        <source>Value (Stripe less the books): %1</source>
        <translation>Montant (Stripe moins les comptes) : %1</translation>
    </message>
    <message>
        <source>Suggested repair: %1</source>
        <translation>Correction suggérée : %1</translation>
    </message>
    <message>
        <source>First seen by run %1 at %2; last seen by run %3 at %4.</source>
        <translation>Détecté pour la première fois par l’exécution %1 le %2 ; pour la dernière fois par l’exécution %3 le %4.</translation>
    </message>
    <message>
        <source>No longer differs: run %1 at %2 found Stripe and the books agree.</source>
        <translation>Résorbé : l’exécution %1 du %2 a constaté que Stripe et les comptes concordent.</translation>
    </message>
    <message>
        <source>%1 by %2 at %3: %4</source>
        <translation>%1 par %2 le %3 : %4</translation>
    </message>
    <message>
        <source>the agent</source>
        <translation>l’agent</translation>
    </message>
    <message>
        <source>Reconciliation runs are for finance and admin staff.</source>
        <translation>Les rapprochements sont réservés à la finance et aux administrateurs.</translation>
    </message>
    <message>
        <source>A run is being carried out.</source>
        <translation>Une exécution est en cours.</translation>
    </message>
    <message>
        <source>The agent lists Stripe&apos;s objects and compares them with the books.</source>
        <translation>L’agent liste les objets Stripe et les compare aux comptes.</translation>
    </message>
    <message>
        <source>Differences are resolved by finance and admin staff.</source>
        <translation>Les écarts sont résolus par la finance et les administrateurs.</translation>
    </message>
    <message>
        <source>This difference is resolved.</source>
        <translation>Cet écart est résolu.</translation>
    </message>
    <message>
        <source>Reconcile with Stripe</source>
        <translation>Rapprocher avec Stripe</translation>
    </message>
    <message>
        <source>The agent lists everything Stripe has since the day chosen (charges, refunds, disputes, transfers, payouts and fees) and compares it with the books. Nothing in the books or at Stripe changes.</source>
        <translation>L’agent liste tout ce que Stripe détient depuis le jour choisi (paiements, remboursements, litiges, transferts, versements et frais) et le compare aux comptes. Rien ne change dans les comptes ni chez Stripe.</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>Rapprocher</translation>
    </message>
    <message>
        <source>Since:</source>
        <extracomment>reconciliation: compare what was created since this day</extracomment>
        <translation>Depuis le :</translation>
    </message>
    <message>
        <source>Reconciliation run %1 requested; the agent carries it out.</source>
        <translation>Exécution de rapprochement %1 demandée ; l’agent s’en charge.</translation>
    </message>
    <message>
        <source>The reconciliation was not requested: %1</source>
        <translation>Le rapprochement n’a pas été demandé : %1</translation>
    </message>
    <message>
        <source>no amount</source>
        <translation>sans montant</translation>
    </message>
    <message>
        <source>%1 — difference %2</source>
        <translation>%1 — écart %2</translation>
    </message>
    <message>
        <source>Mark fixed</source>
        <translation>Marquer corrigé</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Record that this difference was corrected: %1, %2 (%3). A run that still finds it lists it again.</source>
        <translation>Consigner que cet écart a été corrigé : %1, %2 (%3). Une exécution qui le constate encore le listera de nouveau.</translation>
    </message>
    <message>
        <source>Record that this difference stands on purpose: %1, %2 (%3). Stripe and the books stay as they are.</source>
        <translation>Consigner que cet écart est maintenu volontairement : %1, %2 (%3). Stripe et les comptes restent en l’état.</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note :</translation>
    </message>
    <message>
        <source>How it was resolved (required; kept in the audit log)</source>
        <translation>Comment il a été résolu (obligatoire ; conservé dans le journal d’audit)</translation>
    </message>
    <message>
        <source>Difference %1 is resolved.</source>
        <translation>L’écart %1 est résolu.</translation>
    </message>
    <message>
        <source>The difference was not resolved: %1</source>
        <translation>L’écart n’a pas été résolu : %1</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::RefundDetailPane</name>
    <message>
        <source>Select a refund to see its details.</source>
        <translation>Sélectionnez un remboursement pour en voir le détail.</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <extracomment>%1 Bursar&apos;s number of the refund (Stripe&apos;s id, re_…, is shown below once Stripe has one)</extracomment>
        <translation>Remboursement %1</translation>
    </message>
    <message>
        <source>The Bursar agent set this refund aside: someone must look at its journal row before it is sent again.</source>
        <translation>L’agent Bursar a mis ce remboursement de côté : quelqu’un doit examiner sa ligne de journal avant qu’il soit renvoyé.</translation>
    </message>
    <message>
        <source>Waits for a finance or admin user other than %1 to approve or reject it.</source>
        <translation>Attend qu’un utilisateur finance ou administrateur autre que %1 l’approuve ou le rejette.</translation>
    </message>
    <message>
        <source>Rejected: nothing was sent to Stripe.</source>
        <translation>Rejeté : rien n’a été envoyé à Stripe.</translation>
    </message>
    <message>
        <source>Recorded; the Bursar agent sends it to Stripe and records the answer.</source>
        <translation>Enregistré ; l’agent Bursar l’envoie à Stripe et enregistre la réponse.</translation>
    </message>
    <message>
        <source>Stripe did not refund it. Retry sends a new refund with the same rules.</source>
        <translation>Stripe ne l’a pas remboursé. Réessayer envoie un nouveau remboursement, soumis aux mêmes règles.</translation>
    </message>
    <message>
        <source>Refunded to the buyer.</source>
        <translation>Remboursé à l’acheteur.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Demandé par</translation>
    </message>
    <message>
        <source>Rejected by</source>
        <translation>Rejeté par</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Approuvé par</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Demandé le</translation>
    </message>
    <message>
        <source>Stripe refund</source>
        <translation>Remboursement Stripe</translation>
    </message>
    <message>
        <source>Why rejected</source>
        <translation>Motif du rejet</translation>
    </message>
    <message>
        <source>Stripe&apos;s reason</source>
        <translation>Motif de Stripe</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Stripe is processing it; the Bursar agent asks again and records the answer.</source>
        <translation>Stripe la traite ; l’agent Bursar redemande et enregistre la réponse.</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::RefundDialog</name>
    <message>
        <source>&amp;Refund…</source>
        <translation>&amp;Rembourser…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Order %1&lt;/b&gt; — charged %2, refunded %3, &lt;b&gt;%4 still refundable&lt;/b&gt;</source>
        <extracomment>%1 order id, %2 gross, %3 already refunded, %4 refundable</extracomment>
        <translation>&lt;b&gt;Commande %1&lt;/b&gt; — payé %2, remboursé %3, &lt;b&gt;reste remboursable : %4&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Refund order %1</source>
        <translation>Rembourser la commande %1</translation>
    </message>
    <message>
        <source>&amp;Request approval…</source>
        <translation>&amp;Demander l’approbation…</translation>
    </message>
    <message>
        <source>Refund %1 to the buyer of order %2?

Amount: %1 (in %3)
Reason: %4</source>
        <extracomment>the confirmation restates amount, currency and order; %1 amount with currency, %2 order, %3 currency code</extracomment>
        <translation>Rembourser %1 à l’acheteur de la commande %2 ?

Montant : %1 (en %3)
Motif : %4</translation>
    </message>
    <message>
        <source>This is above your limit: it will wait for approval by a finance or admin user.</source>
        <translation>Ce montant dépasse votre plafond : il attendra l’approbation d’un utilisateur finance ou administrateur.</translation>
    </message>
    <message>
        <source>Confirm refund</source>
        <translation>Confirmer le remboursement</translation>
    </message>
    <message>
        <source>Stripe request: %1</source>
        <translation>Requête Stripe : %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Recording the refund of %1…</source>
        <translation>Enregistrement du remboursement de %1…</translation>
    </message>
    <message>
        <source>Recorded, waiting for the agent…</source>
        <translation>Enregistré, en attente de l’agent…</translation>
    </message>
    <message>
        <source>The Bursar agent sends the refund of %1 to Stripe. You may close this window: the refund stays recorded and is sent either way.</source>
        <translation>L’agent Bursar envoie le remboursement de %1 à Stripe. Vous pouvez fermer cette fenêtre : le remboursement reste enregistré et sera envoyé de toute façon.</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::RefundsPanel</name>
    <message>
        <source>Awaiting approval</source>
        <translation>En attente d’approbation</translation>
    </message>
    <message>
        <source>Refund an order…</source>
        <translation>Rembourser une commande…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>Rejeter…</translation>
    </message>
    <message>
        <source>Retry…</source>
        <translation>Réessayer…</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Remboursements</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Any reason</source>
        <translation>Tous les motifs</translation>
    </message>
    <message>
        <source>Requested by (login)</source>
        <translation>Demandé par (identifiant)</translation>
    </message>
    <message>
        <source>Only finance or admin users approve refunds.</source>
        <translation>Seuls les utilisateurs finance ou administrateurs approuvent les remboursements.</translation>
    </message>
    <message>
        <source>Refund an order</source>
        <translation>Rembourser une commande</translation>
    </message>
    <message>
        <source>Order (ORD-…, number or charge id):</source>
        <translation>Commande (ORD-…, numéro ou identifiant de charge) :</translation>
    </message>
    <message>
        <source>There is no order &quot;%1&quot;.</source>
        <translation>Il n’y a pas de commande « %1 ».</translation>
    </message>
    <message>
        <source>Reject refund</source>
        <translation>Rejeter le remboursement</translation>
    </message>
    <message>
        <source>Why is the refund of %1 on %2 rejected?</source>
        <translation>Pourquoi le remboursement de %1 sur %2 est-il rejeté ?</translation>
    </message>
    <message>
        <source>Retry refund</source>
        <translation>Réessayer le remboursement</translation>
    </message>
    <message>
        <source>Stripe refused: %1
Retry %2 on %3 as a new refund? Note:</source>
        <translation>Refus de Stripe : %1
Réessayer %2 sur %3 sous forme de nouveau remboursement ? Note :</translation>
    </message>
    <message>
        <source>Retry of refund %1</source>
        <translation>Nouvel essai du remboursement %1</translation>
    </message>
    <message>
        <source>Only support or admin users request refunds.</source>
        <translation>Seuls les utilisateurs support ou admin demandent des remboursements.</translation>
    </message>
    <message>
        <source>Recorded; the Bursar agent sends it to Stripe.</source>
        <translation>Enregistré ; l’agent Bursar l’envoie à Stripe.</translation>
    </message>
    <message>
        <source>Copy refund id</source>
        <translation>Copier l’identifiant du remboursement</translation>
    </message>
    <message numerus="yes">
        <source>%Ln refund(s)</source>
        <translation>
            <numerusform>%Ln remboursement</numerusform>
            <numerusform>%Ln remboursements</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 refunds</source>
        <translation>plus de %1 remboursements</translation>
    </message>
    <message>
        <source>refunds</source>
        <translation>remboursements</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::RepairPanel</name>
    <message>
        <source>Operation id, order id, ORD-… or assignee</source>
        <translation>Identifiant d’opération ou de commande, ORD-… ou personne désignée</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>Handed to someone</source>
        <extracomment>filter: operations handed to a person</extracomment>
        <translation>Confiées à quelqu’un</translation>
    </message>
    <message numerus="yes">
        <source>%Ln operation(s) to repair</source>
        <translation>
            <numerusform>%Ln opération à réparer</numerusform>
            <numerusform>%Ln opérations à réparer</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 operations to repair</source>
        <translation>plus de %1 opérations à réparer</translation>
    </message>
    <message>
        <source>The operations to repair could not be read: %1</source>
        <translation>Les opérations à réparer n’ont pas pu être lues : %1</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>Réparations</translation>
    </message>
    <message>
        <source>What Bursar sent</source>
        <extracomment>repair centre: the request Bursar journalled and sent to Stripe</extracomment>
        <translation>Ce que Bursar a envoyé</translation>
    </message>
    <message>
        <source>What Stripe says now</source>
        <extracomment>repair centre: Stripe&apos;s object as the agent fetched it at the last re-check</extracomment>
        <translation>Ce qu’indique Stripe maintenant</translation>
    </message>
    <message>
        <source>Select an operation to see what Bursar sent and what Stripe says now.</source>
        <translation>Sélectionnez une opération pour voir ce que Bursar a envoyé et ce qu’indique Stripe maintenant.</translation>
    </message>
    <message numerus="yes">
        <source>Operation %1 (%2) of order %3: %4, %Ln attempt(s). %5</source>
        <translation>
            <numerusform>Opération %1 (%2) de la commande %3 : %4, %Ln tentative. %5</numerusform>
            <numerusform>Opération %1 (%2) de la commande %3 : %4, %Ln tentatives. %5</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Idempotency key: %1</source>
        <translation>Clé d’idempotence : %1</translation>
    </message>
    <message>
        <source>Stripe request id: %1</source>
        <translation>Identifiant de requête Stripe : %1</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>Dernière tentative : %1</translation>
    </message>
    <message>
        <source>Not re-checked yet. Re-check at Stripe to see what Stripe has for this operation.</source>
        <translation>Pas encore revérifiée. Revérifiez chez Stripe pour voir ce que Stripe détient pour cette opération.</translation>
    </message>
    <message>
        <source>Stripe has it: %1</source>
        <translation>Stripe la détient : %1</translation>
    </message>
    <message>
        <source>Stripe has nothing for this operation: %1</source>
        <translation>Stripe n’a rien pour cette opération : %1</translation>
    </message>
    <message>
        <source>Stripe could not be asked: %1</source>
        <translation>Stripe n’a pas pu être interrogé : %1</translation>
    </message>
    <message>
        <source>Looked up by %1 at %2 (request %3)</source>
        <translation>Recherchée via %1 le %2 (requête %3)</translation>
    </message>
    <message>
        <source>Reserved until it settles: %1</source>
        <translation>Réservé jusqu’à la clôture : %1</translation>
    </message>
    <message>
        <source>Reserves no money.</source>
        <translation>Ne réserve aucun montant.</translation>
    </message>
    <message>
        <source>Not handed to anyone.</source>
        <translation>N’est confiée à personne.</translation>
    </message>
    <message>
        <source>Handed to %1 by %2 on %3: %4</source>
        <translation>Confiée à %1 par %2 le %3 : %4</translation>
    </message>
    <message>
        <source>Last repair (by %1): %2</source>
        <translation>Dernière réparation (par %1) : %2</translation>
    </message>
    <message>
        <source>Repairs are for finance and admin staff.</source>
        <translation>Les réparations sont réservées à la finance et aux administrateurs.</translation>
    </message>
    <message>
        <source>A repair of this operation is being carried out.</source>
        <translation>Une réparation de cette opération est en cours.</translation>
    </message>
    <message>
        <source>Re-check first: only an operation Stripe shows can be marked done.</source>
        <translation>Revérifiez d’abord : seule une opération que Stripe affiche peut être marquée terminée.</translation>
    </message>
    <message>
        <source>Re-check first: only an operation Stripe has nothing for can be released.</source>
        <translation>Revérifiez d’abord : seule une opération pour laquelle Stripe n’a rien peut être libérée.</translation>
    </message>
    <message>
        <source>The agent asks Stripe what it has for operation %1 and shows it here. Nothing else changes.</source>
        <translation>L’agent demande à Stripe ce qu’il détient pour l’opération %1 et l’affiche ici. Rien d’autre ne change.</translation>
    </message>
    <message>
        <source>The agent asks Stripe again and, only if Stripe shows the operation happened, records Stripe&apos;s outcome (%1).</source>
        <translation>L’agent interroge de nouveau Stripe et, uniquement si Stripe montre que l’opération a eu lieu, enregistre le résultat de Stripe (%1).</translation>
    </message>
    <message>
        <source>no amount</source>
        <translation>sans montant</translation>
    </message>
    <message>
        <source>The agent asks Stripe again and, only if Stripe has nothing for it, fails the operation and releases %1.</source>
        <translation>L’agent interroge de nouveau Stripe et, uniquement si Stripe n’a rien pour elle, passe l’opération en échec et libère %1.</translation>
    </message>
    <message>
        <source>what it reserved</source>
        <translation>le montant réservé</translation>
    </message>
    <message>
        <source>Hand operation %1 to a person; nothing is sent to Stripe.</source>
        <translation>Confier l’opération %1 à une personne ; rien n’est envoyé à Stripe.</translation>
    </message>
    <message>
        <source>Operation %1 was handed over.</source>
        <translation>L’opération %1 a été confiée.</translation>
    </message>
    <message>
        <source>%1 of operation %2 requested; the agent carries it out.</source>
        <translation>« %1 » demandé pour l’opération %2 ; l’agent s’en charge.</translation>
    </message>
    <message>
        <source>The repair was not requested: %1</source>
        <translation>La réparation n’a pas été demandée : %1</translation>
    </message>
    <message>
        <source>%1 — operation %2</source>
        <translation>%1 — opération %2</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::SettingsDialog</name>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Connected as %1 to PostgreSQL %2.</source>
        <translation>Connecté en tant que %1 à PostgreSQL %2.</translation>
    </message>
    <message>
        <source>Connected as %1 to PostgreSQL %2, but the database has no Bursar tables yet: run &quot;bursar-cli migrate&quot;.</source>
        <translation>Connecté en tant que %1 à PostgreSQL %2, mais la base n’a pas encore de tables Bursar : lancez « bursar-cli migrate ».</translation>
    </message>
    <message>
        <source>The connection test failed.</source>
        <translation>Le test de connexion a échoué.</translation>
    </message>
    <message>
        <source>From the database user</source>
        <translation>Celui de l’utilisateur de la base</translation>
    </message>
    <message>
        <source>Support</source>
        <extracomment>staff role</extracomment>
        <translation>Support</translation>
    </message>
    <message>
        <source>Finance</source>
        <extracomment>staff role</extracomment>
        <translation>Finance</translation>
    </message>
    <message>
        <source>Administrator</source>
        <extracomment>staff role</extracomment>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>Viewer</source>
        <extracomment>staff role (read only)</extracomment>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Set in the environment, and used instead of the values here: %1.</source>
        <translation>Définies dans l’environnement, et utilisées à la place des valeurs ci-dessus : %1.</translation>
    </message>
    <message>
        <source>Remove the password: it would be saved in the settings file in plain text. Put it in ~/.pgpass or the PGPASSWORD environment variable, or give the whole string in BURSAR_DB.</source>
        <translation>Retirez le mot de passe : il serait enregistré en clair dans le fichier de réglages. Mettez-le dans ~/.pgpass ou dans la variable d’environnement PGPASSWORD, ou donnez toute la chaîne dans BURSAR_DB.</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::SinceFilter</name>
    <message>
        <source>Any time</source>
        <translation>Toute période</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 derniers mois</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::TablePanel</name>
    <message>
        <source>Exporting %1… %2 rows</source>
        <translation>Export des %1… %2 lignes</translation>
    </message>
    <message>
        <source>The list could not be loaded: %1</source>
        <translation>La liste n’a pas pu être chargée : %1</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>Filtres enregistrés</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>Colonnes…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>Copier l’identifiant</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Comptage…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln ligne</numerusform>
            <numerusform>%Ln lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 affichées</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>chargement…</translation>
    </message>
    <message>
        <source>Save current filter…</source>
        <translation>Enregistrer le filtre actuel…</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>Enregistrer le filtre</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>Exporter les %1</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>Export des %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Export canceled.</source>
        <translation>Export annulé.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln row(s).</source>
        <translation>
            <numerusform>%Ln ligne exportée.</numerusform>
            <numerusform>%Ln lignes exportées.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>L’export a échoué : %1</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::WalletsPanel</name>
    <message>
        <source>Seller name, seller id or acct_…</source>
        <translation>Nom ou n° du vendeur, ou acct_…</translation>
    </message>
    <message>
        <source>Any KYC state</source>
        <translation>Tout état KYC</translation>
    </message>
    <message>
        <source>Owes money</source>
        <extracomment>filter: wallets whose available balance is negative</extracomment>
        <translation>Doit de l’argent</translation>
    </message>
    <message>
        <source>Funds frozen</source>
        <extracomment>filter: wallets with funds frozen by open disputes</extracomment>
        <translation>Fonds gelés</translation>
    </message>
    <message>
        <source>Broken only</source>
        <extracomment>filter: wallets whose balance or ledger chain is wrong</extracomment>
        <translation>Incohérents seulement</translation>
    </message>
    <message>
        <source>Select a wallet to see its ledger.</source>
        <translation>Choisissez un portefeuille pour voir son grand livre.</translation>
    </message>
    <message>
        <source>The wallets could not be read: %1 (Wallets are for finance and admin staff.)</source>
        <translation>Les portefeuilles n’ont pas pu être lus : %1 (les portefeuilles sont réservés à la finance et aux administrateurs.)</translation>
    </message>
    <message>
        <source>The ledger could not be read: %1</source>
        <translation>Le grand livre n’a pas pu être lu : %1</translation>
    </message>
    <message>
        <source>%1 (seller %2), %3: %4 available, %5 pending, %6 frozen%7</source>
        <translation>%1 (vendeur %2), %3 : %4 disponible, %5 en attente, %6 gelé%7</translation>
    </message>
    <message>
        <source>; owes %1</source>
        <translation> ; doit %1</translation>
    </message>
    <message>
        <source>Checking the whole ledger…</source>
        <translation>Contrôle de tout le grand livre…</translation>
    </message>
    <message>
        <source>⚠ Broken: %1</source>
        <translation>⚠ Incohérent : %1</translation>
    </message>
    <message>
        <source>This wallet does not exist (any more).</source>
        <translation>Ce portefeuille n’existe pas (ou plus).</translation>
    </message>
    <message numerus="yes">
        <source>The sum of its %n movement(s) (%1 available, %2 pending, %3 frozen) differs from the balance (%4, %5, %6).</source>
        <translation>
            <numerusform>La somme de son %n mouvement (%1 disponible, %2 en attente, %3 gelé) diffère du solde (%4, %5, %6).</numerusform>
            <numerusform>La somme de ses %n mouvements (%1 disponible, %2 en attente, %3 gelé) diffère du solde (%4, %5, %6).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The chain breaks %n time(s), first at movement %1.</source>
        <translation>
            <numerusform>La chaîne est rompue %n fois, d’abord au mouvement %1.</numerusform>
            <numerusform>La chaîne est rompue %n fois, d’abord au mouvement %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>✓ Verified: its %n movement(s) add up to the balance and the chain holds.</source>
        <translation>
            <numerusform>✓ Vérifié : son %n mouvement donne le solde et la chaîne tient.</numerusform>
            <numerusform>✓ Vérifié : ses %n mouvements donnent le solde et la chaîne tient.</numerusform>
        </translation>
    </message>
    <message>
        <source>The wallet could not be verified: %1</source>
        <translation>Le portefeuille n’a pas pu être contrôlé : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n wallet(s) in this list do not match their ledger; they are marked Broken.</source>
        <translation>
            <numerusform>%n portefeuille de cette liste ne correspond pas à son grand livre ; il est marqué Incohérent.</numerusform>
            <numerusform>%n portefeuilles de cette liste ne correspondent pas à leur grand livre ; ils sont marqués Incohérent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy seller id</source>
        <translation>Copier le n° du vendeur</translation>
    </message>
    <message numerus="yes">
        <source>%Ln wallet(s)</source>
        <translation>
            <numerusform>%Ln portefeuille</numerusform>
            <numerusform>%Ln portefeuilles</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 wallets</source>
        <translation>plus de %1 portefeuilles</translation>
    </message>
    <message>
        <source>Wallets</source>
        <translation>Portefeuilles</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Bursar</source>
        <translation>Bursar</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation>&amp;Reconnecter</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Actualise&amp;r</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>&amp;About Bursar</source>
        <translation>À &amp;propos de Bursar</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>reconciliation run %1 %2: %3 open difference(s), %4 new, %5 resolved, %6 in flight, %7 Stripe object(s) in %8 request(s)</source>
        <translation>exécution de rapprochement %1 %2 : %3 écart(s) ouvert(s), %4 nouveau(x), %5 résolu(s), %6 en cours, %7 objet(s) Stripe en %8 requête(s)</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund order</source>
        <translation>Rembourser la commande</translation>
    </message>
    <message>
        <source>Loading the order…</source>
        <translation>Chargement de la commande…</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>&amp;Montant :</translation>
    </message>
    <message>
        <source>&amp;Full remainder</source>
        <translation>&amp;Tout le reste</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>Moti&amp;f :</translation>
    </message>
    <message>
        <source>Internal &amp;note:</source>
        <translation>&amp;Note interne :</translation>
    </message>
    <message>
        <source>Required: why is this refund made? (staff only)</source>
        <translation>Obligatoire : pourquoi ce remboursement ? (visible du personnel uniquement)</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Ce qui va se passer</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation>&amp;Connexion :</translation>
    </message>
    <message>
        <source>host=localhost dbname=bursar user=alice, or postgresql://alice@localhost/bursar</source>
        <translation>host=localhost dbname=bursar user=alice, ou postgresql://alice@localhost/bursar</translation>
    </message>
    <message>
        <source>Prefer a password in ~/.pgpass: a password typed here is kept in the settings file.</source>
        <translation>Préférez un mot de passe dans ~/.pgpass : un mot de passe saisi ici est gardé dans le fichier de paramètres.</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>This console connects only to the database: Stripe is reached only through the Bursar agent, which holds the Stripe key.</source>
        <translation>Cette console ne se connecte qu’à la base de données : Stripe n’est joint que par l’agent Bursar, qui détient la clé Stripe.</translation>
    </message>
</context>
<context>
    <name>bursar-cli</name>
    <message>
        <source>%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>%1 doit être un nombre entier de %2 à %3, pas « %4 ».</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Back-office console for Stripe marketplaces.</source>
        <translation>Console d’administration pour les places de marché Stripe.</translation>
    </message>
    <message>
        <source>Save a PNG of the main window once the first data has arrived, then quit.</source>
        <translation>Enregistrer une image PNG de la fenêtre principale dès l’arrivée des premières données, puis quitter.</translation>
    </message>
    <message>
        <source>Take the screenshot after at most this many milliseconds (default 2500).</source>
        <translation>Prendre la capture au plus tard après ce nombre de millisecondes (2500 par défaut).</translation>
    </message>
    <message>
        <source>Quit after this many milliseconds (smoke tests).</source>
        <translation>Quitter après ce nombre de millisecondes (tests de fumée).</translation>
    </message>
    <message>
        <source>Open this panel (overview, orders, refunds, wallets) once connected.</source>
        <translation>Ouvrir ce panneau (overview, orders, refunds, wallets) une fois connecté.</translation>
    </message>
</context>
</TS>
