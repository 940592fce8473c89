<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Bursar::Agent::Agent</name>
    <message>
        <source>The Stripe key is not a Stripe secret or restricted key (sk_… or rk_…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Stripe key is a live key, but this database is a test installation. Give the agent a test key (sk_test_… or rk_test_…); a database that keeps real books is marked live by its owner (UPDATE bursar_installation SET stripe_mode = &apos;live&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Stripe key is a test key, but this database keeps live books. Give the agent the live key (sk_live_… or rk_live_…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent must connect as a login in role bursar_service (for example: CREATE ROLE bursar_agent LOGIN IN ROLE bursar_service); this login is not one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe refused the key (401): it was revoked or mistyped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Agent::EventSync</name>
    <message>
        <source>event sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing the events of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>storing the events of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>applying events: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Agent::NightlyVerify</name>
    <message>
        <source>The nightly verification of the books failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The nightly verification of the books failed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Core::Money</name>
    <message>
        <source>Choose a currency first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: use %2 for decimals, like %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: use digits and at most one decimal point, like 12.34.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: use digits, like 12.34.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no minor unit: enter a whole amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n decimal place(s); remove the extra digits.</source>
        <translation>
            <numerusform>%1 has %n decimal place; remove the extra digits.</numerusform>
            <numerusform>%1 has %n decimal places; remove the extra digits.</numerusform>
        </translation>
    </message>
    <message>
        <source>That amount is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a positive amount.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Core::Status</name>
    <message>
        <source>Pending</source>
        <comment>payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <comment>payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Released</source>
        <comment>payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <comment>payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded</source>
        <comment>payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part refunded</source>
        <comment>payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputed</source>
        <comment>payment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>fulfilment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <comment>fulfilment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped</source>
        <comment>fulfilment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <comment>fulfilment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <comment>fulfilment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <comment>fulfilment status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requires payment method</source>
        <comment>payment intent status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requires confirmation</source>
        <comment>payment intent status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requires action</source>
        <comment>payment intent status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <comment>payment intent status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requires capture</source>
        <comment>payment intent status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <comment>payment intent status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <comment>payment intent status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not submitted</source>
        <comment>refund status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>refund status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requires action</source>
        <comment>refund status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <comment>refund status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>refund status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <comment>refund status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not required</source>
        <comment>refund approval state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <comment>refund approval state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <comment>refund approval state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <comment>refund approval state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inquiry: needs response</source>
        <comment>dispute status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inquiry: under review</source>
        <comment>dispute status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inquiry closed</source>
        <comment>dispute status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs response</source>
        <comment>dispute status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under review</source>
        <comment>dispute status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won</source>
        <comment>dispute status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <comment>dispute status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>payout status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In transit</source>
        <comment>payout status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <comment>payout status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>payout status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <comment>payout status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <comment>payout run status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <comment>payout run status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <comment>payout run status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <comment>payout run status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed with failures</source>
        <comment>payout run status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <comment>payout run status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started</source>
        <comment>seller verification (KYC) state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete</source>
        <comment>seller verification (KYC) state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending verification</source>
        <comment>seller verification (KYC) state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <comment>seller verification (KYC) state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restricted</source>
        <comment>seller verification (KYC) state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <comment>seller verification (KYC) state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>Stripe event processing status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <comment>Stripe event processing status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processed</source>
        <comment>Stripe event processing status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>Stripe event processing status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <comment>Stripe event processing status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <comment>journal operation state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <comment>journal operation state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>journal operation state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention</source>
        <comment>journal operation state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held in escrow</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escrow released</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund from escrow</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund claw-back</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispute freeze</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispute unfreeze</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispute lost</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payout</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed payout returned</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjustment</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <comment>wallet check: the balance matches the ledger, or a ledger row follows the previous one</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken</source>
        <comment>wallet check: the balance does not match the ledger, or the ledger does not start at zero or its chain breaks</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain break</source>
        <comment>wallet check of one ledger row: its balance before is not the previous row&apos;s balance after</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payout transfer reversed</source>
        <comment>kind of a wallet ledger movement</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Db</name>
    <message>
        <source>The database refused the user name or password: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed the same data at the same moment; nothing was changed. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database refused this (error %1); nothing was changed. The details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Db::ConnectionConfig</name>
    <message>
        <source>No database is configured. Set BURSAR_DB to a connection string such as &quot;host=localhost dbname=bursar user=alice&quot; or open Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database connection string is malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BURSAR_ROLE is &quot;%1&quot;; use support, finance, admin or viewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown connection setting &quot;%1&quot;. Use host, port, dbname, user, password, sslmode, connect_timeout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port &quot;%1&quot; is not a number between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a value: write %1=value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quoted value of &quot;%1&quot; is not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 in the URL has a &quot;%&quot; that is not followed by two hexadecimal digits; write a literal percent sign as %25.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 in the URL contains an encoded NUL byte; remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 in the URL is not valid UTF-8 once decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host in the URL opens &quot;[&quot; for an IPv6 address without closing it with &quot;]&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host in the URL has an empty IPv6 address &quot;[]&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL has &quot;%1&quot; after the IPv6 address; expected &quot;:&quot; (a port) or &quot;/&quot; (the database).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL parameter &quot;%1&quot; has a second &quot;=&quot;: percent-encode it in the value as %3D.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameter name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection setting &quot;options&quot; is not supported: it would change the server&apos;s settings (such as the role) behind Bursar&apos;s back. Choose the role with BURSAR_ROLE or in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection setting &quot;service&quot; is not supported: write the host, port, dbname and user in the connection string itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is given more than once; keep only one %1=… setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; contains a control character (such as a line break); remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>application_name may use only letters, digits, spaces and - _ . : / ( ), at most 63 of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid %2: use %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a whole number of seconds between 1 and %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hostaddr &quot;%1&quot; is not a numeric IP address; give a name with host=.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; contains &quot;;&quot;, which the PostgreSQL driver cannot pass on; use a path without &quot;;&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection string names no database and no user: add dbname=NAME and user=NAME (in a URL: postgresql://USER@HOST/DATABASE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection string names no database: add dbname=NAME (in a URL: postgresql://USER@HOST/DATABASE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection string names no user: add user=NAME (in a URL: postgresql://USER@HOST/DATABASE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local socket</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Db::Database</name>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Db::Error</name>
    <message>
        <source>Write a note: say why (it is kept in the audit log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note is too long: keep it under 10,000 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a reason for the refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This order cannot be refunded in its current payment state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The charge has a dispute and Stripe refuses refunds on disputed charges; respond to the dispute instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order has no captured charge to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund would exceed what is still refundable on this order (another refund may have been requested meanwhile). Reopen the order to see the current amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You requested this refund; another finance or admin user must approve or reject it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This refund is no longer awaiting approval (someone else may have decided it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This refund was not approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This refund reached Stripe already; only Stripe&apos;s answer can change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This refund succeeded already; Stripe&apos;s later answer contradicts it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s answer names another refund than the books; a person must look.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The idempotency key must be 8 to 255 characters long; leave it out and Bursar makes one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your staff account is disabled: you may read, but not change anything. Ask an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This login has no staff account in Bursar, so it may only read. Ask an admin to add you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the Bursar agent may do this; staff request it and the agent carries it out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order has an open dispute; its escrow stays held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order is not held in escrow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit chain is missing: run bursar-cli migrate on this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent reported itself without an id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events belong to the platform or to a Connect account (acct_...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s event lacks fields Bursar needs (an id, an amount, a status); it stays failed and visible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event concerns a Stripe object these books do not hold; it was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bursar does not follow this type of event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event&apos;s currency differs from the order&apos;s; a person must look.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Stripe event with this id is stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which events to replay: one event id, --failed, or --since a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The books refused this event; it stays failed until it is replayed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A verification run is manual, or the agent&apos;s nightly run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for the repair: it is kept in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason (2,000 characters) or the note (10,000) is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown repair action: re-check, mark done, release or assign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such journal operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This operation is not in the repair centre any more: it settled, or the agent is still working on it within its lease.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who takes the operation over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A repair of this operation is being carried out; wait for its outcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation settled meanwhile; there is nothing left to repair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An agent is sending this operation right now and its request may still reach Stripe; nothing was released. Re-check when its lease has run out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s outcome could not settle the operation; it stays open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s object is for another amount than the operation reserved; a person must look.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: Stripe has nothing for this operation, so it cannot be marked done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: Stripe has this operation&apos;s object, so its reservation cannot be released. Mark it done instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe could not be asked; nothing changed. Try the repair again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent cannot repair operations of this kind yet; hand it to a person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-checked at Stripe: what Stripe says now is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: the books now record what Stripe shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Released: Stripe has nothing for this operation, and what it reserved is free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s transfer differs from the books&apos; payout (amount, currency or account); a person must look.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile from a date in the past.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile at most 400 days back; choose a later date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason or the note is too long (2,000 characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A difference is resolved as fixed or as accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say how the difference was resolved: the note is kept in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such reconciliation difference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This difference is resolved already; reload the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe holds a charge the books do not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The books hold a charge Stripe does not list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The charge&apos;s amount differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured at Stripe but not in the books, or the other way round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The charge&apos;s refunded total differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refund at Stripe is not in the books (made outside Bursar?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The books hold a refund Stripe does not list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund&apos;s amount differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund&apos;s status differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dispute at Stripe is not in the books</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The books hold a dispute Stripe does not list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disputed amount differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dispute&apos;s status differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dispute fee differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A transfer at Stripe is not a payout in the books</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The books hold a transfer Stripe does not list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transfer&apos;s amount differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transfer&apos;s reversed total differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A payout at Stripe is not in the books</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The books hold a payout Stripe does not list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payout&apos;s amount differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payout&apos;s status differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s processing fees differ from the fees the books assumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay the object&apos;s Stripe events (Events panel), then reconcile again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the repair centre: re-check the operation at Stripe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investigate at Stripe and in the books; resolve with a note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the currency&apos;s processor fee in the settings against Stripe&apos;s pricing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer differs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Db::Migrations</name>
    <message>
        <source>The database schema is at version %1, newer than this Bursar understands (%2). Install the newer Bursar that upgraded it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed and was rolled back: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database schema is at version %1 and this Bursar needs version %2. Ask the database owner to run &quot;bursar-cli migrate&quot;, then reconnect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration %1 (%2) as applied to this database differs from the one this Bursar carries. Use the Bursar release that built this database, or restore it from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Db::Worker</name>
    <message>
        <source>The PostgreSQL driver (QPSQL) is not installed: install libqt6sql6-psql.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the database at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database user %1 may not act as %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost the connection to the database; reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost the connection to the database and could not reconnect: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Models::AuditModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <extracomment>the audit row&apos;s number: its place in the hash chain</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <extracomment>who did it: a staff login or the agent</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity</source>
        <extracomment>what kind of object the action was about (order, refund, payout…)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Models::EventsModel</name>
    <message>
        <source>The event was refused (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>platform</source>
        <extracomment>the event is the platform&apos;s own (no connected account)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <extracomment>when the Bursar agent stored the event</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <extracomment>processing status of a Stripe event</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <extracomment>the Stripe object the event is about (re_..., ch_...)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <extracomment>Connect account of the event, or the platform</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <extracomment>how often the agent tried to apply the event</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <extracomment>why the event failed or was skipped</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Models::OrdersModel</name>
    <message>
        <source>Refunded</source>
        <extracomment>column: amount refunded to the buyer</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gross</source>
        <extracomment>column: amount the buyer paid</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller net</source>
        <extracomment>column: what the seller gets after fees</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Models::ReconcileModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <extracomment>reconciliation: the object is not there (at Stripe or in the books)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference</source>
        <extracomment>reconciliation: what differs between Stripe and the books</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe object</source>
        <extracomment>reconciliation: Stripe&apos;s id of the object (a currency for fees)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe</source>
        <extracomment>reconciliation: what Stripe has</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Books</source>
        <extracomment>reconciliation: what Bursar&apos;s books have</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <extracomment>reconciliation: Stripe less the books, in money</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested repair</source>
        <extracomment>reconciliation: the suggested repair</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Models::RefundsModel</name>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s reason / note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Models::RepairModel</name>
    <message>
        <source>Re-check at Stripe</source>
        <extracomment>repair centre action: ask Stripe again what it has for the operation</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark done as Stripe shows</source>
        <extracomment>repair centre action: record the outcome Stripe shows</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release the reservation</source>
        <extracomment>repair centre action: free the money the operation reserved (Stripe has nothing)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand to a person</source>
        <extracomment>repair centre action: hand the operation to a person</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the agent is carrying it out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserved</source>
        <extracomment>money a journal operation holds reserved until it settles</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to</source>
        <extracomment>the person a stuck operation was handed to</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last repair</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Models::WalletLedgerModel</name>
    <message>
        <source>Order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund %1 (order %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispute %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payout %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjustment by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The balance before this movement is not the balance after the previous one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Movement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance before</source>
        <extracomment>the wallet&apos;s total (available + pending + frozen) before the movement</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Models::WalletsModel</name>
    <message>
        <source>The balance (%1 available, %2 pending, %3 frozen) differs from its last ledger movement (%4, %5, %6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger does not start at zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger chain breaks at movement %1: its balance before is not the previous balance after.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <extracomment>wallet bucket: money the seller may be paid out</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>wallet bucket: seller net of orders still held in escrow</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen</source>
        <extracomment>wallet bucket: frozen by open disputes</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owed</source>
        <extracomment>the seller owes the platform this much (negative available balance)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KYC</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Services::AgentStatus</name>
    <message>
        <source>No Bursar agent has ever run on this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Bursar agent is running (last heartbeat %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Bursar agent cannot reach Stripe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe refuses the Bursar agent&apos;s key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n Bursar agent(s) running; %1 operation(s) queued.</source>
        <translation>
            <numerusform>%n Bursar agent running; %1 operation(s) queued.</numerusform>
            <numerusform>%n Bursar agents running; %1 operation(s) queued.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bursar::Services::AuditVerification</name>
    <message>
        <source>Audit row %1 has no hash: it was written around the chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit row %1 does not follow the row before it: a row was removed, inserted or re-chained.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit row %1, the first, does not start the chain: earlier rows were removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit row %1 was changed after it was written: its content no longer matches its hash.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Services::BooksCheck</name>
    <message>
        <source>Every wallet equals the sum of its ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every ledger row starts where the row before it ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every order&apos;s money parts add up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen amounts match open disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded totals per charge equal Stripe&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit chain verifies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n charge(s) compared; %1 with refunds have no Stripe snapshot yet and were not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n wallet(s) differ from their ledger: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n ledger row(s) do not follow the row before them: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n order(s) whose fees, refunds or ledger do not add up: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n wallet(s) hold a frozen amount that no open dispute explains: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n charge(s) whose refunds differ from Stripe&apos;s amount_refunded: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit row %1 was changed after it was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit row %1 does not follow the row before it: a row was removed or inserted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit row %1 was written around the chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit rows after %1 were removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit chain breaks at row %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n failure(s): %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Services::OperationJournal</name>
    <message>
        <source>No database connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Services::ReconcileDriver</name>
    <message>
        <source>reconciliation run %1 is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing %1 at Stripe: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing %1 of %2 at Stripe: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Services::RefundDriver</name>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s answer could not be read (%1); the refund stays pending for recovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No definite answer from Stripe (%1). The refund is recorded and recovery finishes it with the same idempotency key; it will not be made twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe refused the refund: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe accepted the refund of %1 (%2); it is pending at Stripe and is kept current in the Refunds panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe answered but the database connection was lost before the answer was recorded; recovery records it (the refund will not be made twice).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s answer could not be recorded: %1. The operation needs attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s idempotency key for this refund has expired and Stripe has no refund for operation %1 on charge %2. Check the charge in Stripe, then retry as a new refund if none was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refund %1 of order %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refund %1 %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata[bursar_operation]=%1 among the refunds of charge %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the charge has more than %1 refunds; not all were searched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no refund for operation %1 among the %2 refund(s) of charge %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Services::RefundPolicy</name>
    <message>
        <source>Duplicate charge</source>
        <extracomment>Stripe refund reason</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraudulent charge</source>
        <extracomment>Stripe refund reason</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested by the customer</source>
        <extracomment>Stripe refund reason</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 cannot be refunded: its payment was never captured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 cannot be refunded: its charge has a dispute (%2) and Stripe refuses refunds on disputed charges. Respond to the dispute instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 has been refunded in full; nothing remains refundable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing remains refundable on order %1: %2 is already requested and not yet settled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 has no captured charge to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 cannot be refunded now: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The charge has an open inquiry (%1). A refund does not close it: answer the inquiry too, or the buyer&apos;s bank may still escalate it to a dispute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The charge had a dispute (%1). A refund does not change a dispute&apos;s outcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The buyer gets back %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe keeps its processing fee of %1 on the charge (not returned on refunds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order is still in escrow: %1 comes out of the held funds; the seller&apos;s wallet is not charged (held for the seller: %2 → %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order was released to the seller: %1 is clawed back from the seller&apos;s wallet (available %2 → %3%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, negative: netted against future earnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform fee returned: none (policy: the platform keeps its fee).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform fee returned: %1 of %2 (policy: proportional).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform fee: the proportional share of %1 is not earned (the order is still in escrow).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Above your limit of %1: the refund waits for a finance or admin user to approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund of %1 would exceed the %2 still refundable on order %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write an internal note: why is this refund made?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Services::RefundService</name>
    <message>
        <source>Order %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write an internal note: why is this refund made?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is in %2, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund of %1 would exceed the %2 still refundable on order %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database returned no refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database connection was lost while recording the refund; nothing was sent to Stripe. Check the Refunds panel before trying again: if the refund was recorded, recovery sends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund of %1 is above your limit and waits for a finance or admin user to approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund was recorded without a journal entry; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe refused the refund: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe accepted the refund of %1 (%2); it is pending at Stripe and is kept current in the Refunds panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write why the refund is rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund %1 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund %1 has not failed; only failed refunds can be retried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry of failed refund %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund needs a person to look at it in the repair list: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund of %1 is recorded; the Bursar agent sends it to Stripe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refund of %1 is recorded and the Bursar agent has not finished it yet; the Refunds panel shows the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded, waiting for the agent: %1 The refund is sent as soon as an agent runs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Services::RepairDriver</name>
    <message>
        <source>repair %1 (%2) of operation %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Stripe::StripeClient</name>
    <message>
        <source>The Stripe path must start with /v1/.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A POST to Stripe needs an idempotency key stored by the caller before it is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The idempotency key is longer than 255 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file upload must be a POST.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe did not answer within %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s answer was not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Stripe::StripeConfig</name>
    <message>
        <source>No Stripe API key is configured. Set BURSAR_STRIPE_KEY to a secret key (sk_test_... or sk_live_...) or a restricted key (rk_...) from the Stripe Dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured Stripe key is a publishable key (pk_...), which cannot be used here. Bursar needs a secret key (sk_...) or a restricted key (rk_...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured Stripe key is a webhook signing secret (whsec_...). Bursar needs a secret key (sk_...) or a restricted key (rk_...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured Stripe key has spaces or line breaks around it. Remove them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured Stripe key is not valid: it must start with sk_test_, sk_live_, rk_test_ or rk_live_ followed by letters and digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Stripe API address is not a valid URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Stripe API address uses plain http; that is only allowed for a local emulator (127.0.0.1 or localhost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Stripe API address must start with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BURSAR_STRIPE_RATE_LIMIT must be a number of requests per second (0 turns the limit off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BURSAR_STRIPE_MAX_RETRIES must be a whole number from 0 to 20.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BURSAR_STRIPE_TIMEOUT_MS must be a positive number of milliseconds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Stripe::StripeError</name>
    <message>
        <source>Stripe did not answer in time. The action may or may not have happened; retrying it is safe because Bursar reuses the same idempotency key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bursar could not reach Stripe. Check the network connection and try again; retrying is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: the request was not sent because it had no idempotency key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was not sent to Stripe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This action was already sent to Stripe with different details. Start a new action instead of repeating this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment has already been refunded in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment is under dispute and cannot be refunded while the dispute is open. Respond to the dispute instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment has already been captured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is larger than Stripe allows here (for a refund: more than remains refundable). Lower the amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is below Stripe&apos;s minimum for this currency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Stripe balance is too low for this. Wait for pending funds to become available or lower the amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payouts are not enabled for this account. Check the account&apos;s verification requirements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connected account is not valid or no longer connected to this platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another request for the same action is still running at Stripe. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe is busy with another change to the same object. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card was declined (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card was declined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe has no such object. It may belong to another account, or to the other mode (test or live).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe rejected the value of &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe refused the API key. Check the key configured for Bursar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe could not complete the operation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Stripe key is not allowed to do this (restricted key). Grant the permission in the Stripe Dashboard or use a key that has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action conflicts with another request in progress. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe is limiting the request rate. Wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe reported an internal error; the outcome is unknown. Check the object&apos;s current state before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe refused the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe refused the request (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::ActivityDock</name>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::ActivityModel</name>
    <message>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id</source>
        <extracomment>Stripe&apos;s request id (req_...), quoted when contacting Stripe support</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::AuditAsOfDialog</name>
    <message>
        <source>As of…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ORD-… or an order id; a wallet id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type an order or a wallet id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A wallet is named by its number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 as of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It did not exist yet: it was created on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from audit row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no change recorded since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1: %2 (now %3; %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n audit row(s) up to then, %1 after.</source>
        <translation>
            <numerusform>%n audit row up to then, %1 after.</numerusform>
            <numerusform>%n audit rows up to then, %1 after.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no such wallet (or you may not read wallets).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallet %1 (seller %2, %3) as of %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  available %1, pending %2, frozen %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  after ledger movement %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  before its first ledger movement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  now: available %1, pending %2, frozen %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n movement(s) since.</source>
        <translation>
            <numerusform>%n movement since.</numerusform>
            <numerusform>%n movements since.</numerusform>
        </translation>
    </message>
    <message>
        <source> Then plus every movement since is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ⚠ Then plus the movements since is not the balance now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  … and more.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::AuditPanel</name>
    <message>
        <source>Actor (login)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action, or refund.</source>
        <extracomment>the action filter: an exact action, or a prefix ending with a dot</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order (ORD-… or id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy audit row number</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln audit row(s)</source>
        <translation>
            <numerusform>%Ln audit row</numerusform>
            <numerusform>%Ln audit rows</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 audit rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log could not be read: %1 (The audit log is for finance and admin staff.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An order or a wallet as it was at a moment you choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a row to see what it changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seller %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1, %2: %3 by %4 (%5) on %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by this action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the chain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Chain verified: rows %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>✓ Chain verified: the %n row(s) on screen</source>
        <translation>
            <numerusform>✓ Chain verified: the %n row on screen</numerusform>
            <numerusform>✓ Chain verified: the %n rows on screen</numerusform>
        </translation>
    </message>
    <message>
        <source>changed after it was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not follow the row before it (a row was removed or inserted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written around the chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Chain broken at row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chain could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::CommandPalette</name>
    <message>
        <source>Go to</source>
        <extracomment>Command palette: a row that opens what an id names (an order, a seller...)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panel</source>
        <extracomment>Command palette: a row that switches to a panel</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <extracomment>Command palette: a row that runs an action (refund, export, copy...)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a panel, an action, or paste an id (ORD-…, pi_…, ch_…, acct_…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑↓ to move · Enter to run · Esc to close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: ids cannot be looked up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <extracomment>%1 an id (ORD-0001234, pi_…) being looked up in the database</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The id could not be looked up: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The id could not be looked up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charge %1 — order %2</source>
        <extracomment>%1 a Stripe charge id (ch_…), %2 the order&apos;s public id</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment intent %1 — order %2</source>
        <extracomment>%1 a Stripe payment intent id (pi_…), %2 the order&apos;s public id</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund %1 — order %2</source>
        <extracomment>%1 a Stripe refund id (re_…), %2 the order&apos;s public id</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispute %1 — order %2</source>
        <extracomment>%1 a Stripe dispute id (dp_…), %2 the order&apos;s public id</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders of seller %1</source>
        <extracomment>%1 a seller&apos;s name; the row opens the Orders panel filtered by that seller</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payout %1 (no panel yet)</source>
        <extracomment>%1 a Stripe payout or transfer id (po_…, tr_…); there is no Payouts panel yet</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found for %1</source>
        <extracomment>%1 the id typed or pasted into the command palette</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No command matches “%1”</source>
        <extracomment>%1 the text typed into the command palette</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::ConsolePanels</name>
    <message>
        <source>Overview</source>
        <extracomment>navigation entry: the live figures of the marketplace</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallets</source>
        <extracomment>navigation entry: every seller&apos;s wallet and its ledger (finance)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <extracomment>navigation entry: every Stripe event the agent stored and applied (every staff role reads them, 0009)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair</source>
        <extracomment>navigation entry: journal operations that need a person, with what Stripe says (finance)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <extracomment>navigation entry: every staff and agent action, with the audit chain&apos;s state (finance, admin)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <extracomment>navigation entry: the differences between Stripe and the books (finance, admin)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::CurrencyFilter</name>
    <message>
        <source>Any currency</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::DateRangeFilter</name>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::EventsPanel</name>
    <message>
        <source>Object id (re_…, ch_…) or event id (evt_…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>platform or acct_…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy event id</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The events could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put events back for the Bursar agent to apply again (admin; audited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay this event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay the failed events of this filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay every event since the filter&apos;s start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event to see its payload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event is not stored (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>object %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
    <message>
        <source>Stripe created it %1; received %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; no API request (Stripe Dashboard or Stripe itself)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe says: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No events settled in the last %n hour(s)</source>
        <extracomment>the health figure of DOMAIN.md: share of Stripe events applied (or rightly skipped) of those settled</extracomment>
        <translation>
            <numerusform>No events settled in the last %n hour</numerusform>
            <numerusform>No events settled in the last %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Event processing: %1 % succeeded in the last %n hour(s) (%2 applied, %3 skipped, %4 failed)</source>
        <translation>
            <numerusform>Event processing: %1 % succeeded in the last %n hour (%2 applied, %3 skipped, %4 failed)</numerusform>
            <numerusform>Event processing: %1 % succeeded in the last %n hours (%2 applied, %3 skipped, %4 failed)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Critical: only %1 % of the Stripe events of the last %n hour(s) were applied (the alert is below 95 %). Filter by status Failed to see why.</source>
        <translation>
            <numerusform>Critical: only %1 % of the Stripe events of the last %n hour were applied (the alert is below 95 %). Filter by status Failed to see why.</numerusform>
            <numerusform>Critical: only %1 % of the Stripe events of the last %n hours were applied (the alert is below 95 %). Filter by status Failed to see why.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replay event %1? The Bursar agent applies it again; applying twice changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay every failed event of this filter? The Bursar agent applies them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay every event Stripe created since %1, whatever its status? The Bursar agent applies them again; events already applied change nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an admin may replay events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a start time in the filter first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) put back for the Bursar agent to apply again.</source>
        <translation>
            <numerusform>%n event put back for the Bursar agent to apply again.</numerusform>
            <numerusform>%n events put back for the Bursar agent to apply again.</numerusform>
        </translation>
    </message>
    <message>
        <source>The events could not be replayed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::EventsStatusLabel</name>
    <message numerus="yes">
        <source>%n event(s) failed</source>
        <extracomment>status bar: Stripe events the agent could not apply; a click shows them</extracomment>
        <translation>
            <numerusform>%n event failed</numerusform>
            <numerusform>%n events failed</numerusform>
        </translation>
    </message>
    <message>
        <source>Stripe events the Bursar agent could not apply. Click to see them in the Events panel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::MainWindow</name>
    <message>
        <source>Bursar is free software under the GNU General Public License, version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BURSAR_DB is not usable. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; is unknown; use support, finance, admin or viewer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost the connection to the database; reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEST</source>
        <extracomment>Stripe test mode badge in the status bar; keep it short</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIVE</source>
        <extracomment>Stripe live mode badge in the status bar (real money); keep it short</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Bursar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back-office console for Stripe marketplaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bursar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Applied %n schema migration(s).</source>
        <translation>
            <numerusform>Applied %n schema migration.</numerusform>
            <numerusform>Applied %n schema migrations.</numerusform>
        </translation>
    </message>
    <message>
        <source>Schema of %1 not usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the schema of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Bursar agent is running: none has sent a heartbeat to this database (an agent that stops cleanly removes its own).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent state unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent starting: checking Stripe…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent running · %1 queued</source>
        <extracomment>%1 journal operations waiting to be sent (0 when idle)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent cannot reach Stripe — requests wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe refuses the agent&apos;s key — requests wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agent since %1 — requests wait</source>
        <extracomment>%1 the time (or date and time) of the last heartbeat of a Bursar agent</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agent running — requests wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agents&apos; heartbeats could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bursar agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Bursar agent runs and reaches Stripe: requests are sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state of the Bursar agent cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last heartbeat from %1 at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live installation: actions move real money.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test installation: no real money moves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds are recorded and wait: no Bursar agent is running. Start one with &quot;bursar-cli agent&quot; where the Stripe key is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds are recorded and wait: no Bursar agent is running since %1. They are sent when an agent runs again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command palette…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to a panel, run an action, or open an order, charge, payment intent, seller, dispute or payout by its id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::OrderDetailPane</name>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note for the team (kept with your name and the time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an order to see its money, timeline and notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It may have been removed, or your role may not read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · payment %2 · fulfilment %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buyer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in Stripe Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ The parts add up: fees and net match the gross, and the wallet ledger holds the seller&apos;s share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gross minus fees differs from the seller net by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ledger differs from the seller&apos;s share by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Does not add up: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only support or admin users request refunds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not add notes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::OrdersPanel</name>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order, pi_…, ch_…, buyer e-mail or seller name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any fulfilment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds: any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes: any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min gross</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max gross</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller: %1 ✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the orders of every seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s)</source>
        <translation>
            <numerusform>%Ln order</numerusform>
            <numerusform>%Ln orders</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy order id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orders</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::OverviewPanel</name>
    <message>
        <source>The overview could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database has no Bursar tables yet. Apply the migrations with &quot;bursar-cli migrate&quot; or restart the console with a migrated database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not read some figures (%1); they show a dash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in the last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 need a response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending or needing attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 restricted or rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held in escrow</source>
        <extracomment>Money held in escrow (captured but not yet released to sellers)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payouts in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operations to watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sellers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) held</source>
        <translation>
            <numerusform>%Ln order held</numerusform>
            <numerusform>%Ln orders held</numerusform>
        </translation>
    </message>
    <message>
        <source>pending or in transit; %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never verified: run &quot;bursar-cli verify&quot;; the agent verifies nightly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the agent&apos;s nightly run</source>
        <extracomment>who ran the last verification of the books: the agent&apos;s nightly run or a staff login</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed</source>
        <extracomment>the books verified: every check passed</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every check passed %1, by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <extracomment>the books did not verify: some checks failed</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, by %2. Failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Books verified</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::ReasonDialog</name>
    <message>
        <source>Why (required; kept in the audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why (kept in the audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login or name of the person (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::ReconcilePanel</name>
    <message>
        <source>Charges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fees</source>
        <extracomment>reconciliation: Stripe&apos;s processing fees per currency against the books&apos;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe id, ORD-… or order id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include resolved</source>
        <extracomment>filter: also the differences already resolved</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln difference(s)</source>
        <translation>
            <numerusform>%Ln difference</numerusform>
            <numerusform>%Ln differences</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The differences could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark fixed…</source>
        <extracomment>resolve a reconciliation difference: the books or Stripe were corrected</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept…</source>
        <extracomment>resolve a reconciliation difference: it stands, on purpose</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last reconciliation could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reconciliation has run yet. Reconcile now compares Stripe with the books.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 (everything since %2) is being carried out by the agent; requested by %3 at %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 (since %2) failed at %3: %4. Nothing was resolved by it; reconcile again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 (since %2) finished at %3: %4 Stripe objects compared with the books.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe and the books agree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open differences: %1 (%2); new in this run: %3.</source>
        <extracomment>reconciliation run: the open differences, their money value per currency, and how many are new</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer differ: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left for the next run while Stripe changes them: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a difference to see Stripe&apos;s value beside the books&apos; and the suggested repair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seller: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Books: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (Stripe less the books): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested repair: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen by run %1 at %2; last seen by run %3 at %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer differs: run %1 at %2 found Stripe and the books agree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2 at %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciliation runs are for finance and admin staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is being carried out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent lists Stripe&apos;s objects and compares them with the books.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differences are resolved by finance and admin staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This difference is resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile with Stripe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent lists everything Stripe has since the day chosen (charges, refunds, disputes, transfers, payouts and fees) and compares it with the books. Nothing in the books or at Stripe changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since:</source>
        <extracomment>reconciliation: compare what was created since this day</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconciliation run %1 requested; the agent carries it out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reconciliation was not requested: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — difference %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that this difference was corrected: %1, %2 (%3). A run that still finds it lists it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that this difference stands on purpose: %1, %2 (%3). Stripe and the books stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it was resolved (required; kept in the audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference %1 is resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The difference was not resolved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::RefundDetailPane</name>
    <message>
        <source>Select a refund to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund %1</source>
        <extracomment>%1 Bursar&apos;s number of the refund (Stripe&apos;s id, re_…, is shown below once Stripe has one)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Bursar agent set this refund aside: someone must look at its journal row before it is sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waits for a finance or admin user other than %1 to approve or reject it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: nothing was sent to Stripe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded; the Bursar agent sends it to Stripe and records the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe did not refund it. Retry sends a new refund with the same rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded to the buyer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe&apos;s reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe is processing it; the Bursar agent asks again and records the answer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::RefundDialog</name>
    <message>
        <source>&amp;Refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Order %1&lt;/b&gt; — charged %2, refunded %3, &lt;b&gt;%4 still refundable&lt;/b&gt;</source>
        <extracomment>%1 order id, %2 gross, %3 already refunded, %4 refundable</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Request approval…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund %1 to the buyer of order %2?

Amount: %1 (in %3)
Reason: %4</source>
        <extracomment>the confirmation restates amount, currency and order; %1 amount with currency, %2 order, %3 currency code</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is above your limit: it will wait for approval by a finance or admin user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording the refund of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded, waiting for the agent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Bursar agent sends the refund of %1 to Stripe. You may close this window: the refund stays recorded and is sent either way.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::RefundsPanel</name>
    <message>
        <source>Awaiting approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund an order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested by (login)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only finance or admin users approve refunds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund an order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order (ORD-…, number or charge id):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no order &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the refund of %1 on %2 rejected?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe refused: %1
Retry %2 on %3 as a new refund? Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry of refund %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only support or admin users request refunds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded; the Bursar agent sends it to Stripe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy refund id</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln refund(s)</source>
        <translation>
            <numerusform>%Ln refund</numerusform>
            <numerusform>%Ln refunds</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refunds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::RepairPanel</name>
    <message>
        <source>Operation id, order id, ORD-… or assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed to someone</source>
        <extracomment>filter: operations handed to a person</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln operation(s) to repair</source>
        <translation>
            <numerusform>%Ln operation to repair</numerusform>
            <numerusform>%Ln operations to repair</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 operations to repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operations to repair could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Bursar sent</source>
        <extracomment>repair centre: the request Bursar journalled and sent to Stripe</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Stripe says now</source>
        <extracomment>repair centre: Stripe&apos;s object as the agent fetched it at the last re-check</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an operation to see what Bursar sent and what Stripe says now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Operation %1 (%2) of order %3: %4, %Ln attempt(s). %5</source>
        <translation>
            <numerusform>Operation %1 (%2) of order %3: %4, %Ln attempt. %5</numerusform>
            <numerusform>Operation %1 (%2) of order %3: %4, %Ln attempts. %5</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idempotency key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe request id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not re-checked yet. Re-check at Stripe to see what Stripe has for this operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe has it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe has nothing for this operation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe could not be asked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looked up by %1 at %2 (request %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserved until it settles: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserves no money.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not handed to anyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed to %1 by %2 on %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last repair (by %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repairs are for finance and admin staff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A repair of this operation is being carried out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-check first: only an operation Stripe shows can be marked done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-check first: only an operation Stripe has nothing for can be released.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent asks Stripe what it has for operation %1 and shows it here. Nothing else changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent asks Stripe again and, only if Stripe shows the operation happened, records Stripe&apos;s outcome (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent asks Stripe again and, only if Stripe has nothing for it, fails the operation and releases %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what it reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand operation %1 to a person; nothing is sent to Stripe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation %1 was handed over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of operation %2 requested; the agent carries it out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repair was not requested: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — operation %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::SettingsDialog</name>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected as %1 to PostgreSQL %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected as %1 to PostgreSQL %2, but the database has no Bursar tables yet: run &quot;bursar-cli migrate&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection test failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the database user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support</source>
        <extracomment>staff role</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finance</source>
        <extracomment>staff role</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <extracomment>staff role</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewer</source>
        <extracomment>staff role (read only)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set in the environment, and used instead of the values here: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the password: it would be saved in the settings file in plain text. Put it in ~/.pgpass or the PGPASSWORD environment variable, or give the whole string in BURSAR_DB.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::SinceFilter</name>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::TablePanel</name>
    <message>
        <source>Exporting %1… %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save current filter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln row(s).</source>
        <translation>
            <numerusform>Exported %Ln row.</numerusform>
            <numerusform>Exported %Ln rows.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Bursar::Ui::WalletsPanel</name>
    <message>
        <source>Seller name, seller id or acct_…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any KYC state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owes money</source>
        <extracomment>filter: wallets whose available balance is negative</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funds frozen</source>
        <extracomment>filter: wallets with funds frozen by open disputes</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken only</source>
        <extracomment>filter: wallets whose balance or ledger chain is wrong</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a wallet to see its ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wallets could not be read: %1 (Wallets are for finance and admin staff.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (seller %2), %3: %4 available, %5 pending, %6 frozen%7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; owes %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the whole ledger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Broken: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This wallet does not exist (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The sum of its %n movement(s) (%1 available, %2 pending, %3 frozen) differs from the balance (%4, %5, %6).</source>
        <translation>
            <numerusform>The sum of its %n movement (%1 available, %2 pending, %3 frozen) differs from the balance (%4, %5, %6).</numerusform>
            <numerusform>The sum of its %n movements (%1 available, %2 pending, %3 frozen) differs from the balance (%4, %5, %6).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The chain breaks %n time(s), first at movement %1.</source>
        <translation>
            <numerusform>The chain breaks once, first at movement %1.</numerusform>
            <numerusform>The chain breaks %n times, first at movement %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>✓ Verified: its %n movement(s) add up to the balance and the chain holds.</source>
        <translation>
            <numerusform>✓ Verified: its %n movement adds up to the balance and the chain holds.</numerusform>
            <numerusform>✓ Verified: its %n movements add up to the balance and the chain holds.</numerusform>
        </translation>
    </message>
    <message>
        <source>The wallet could not be verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n wallet(s) in this list do not match their ledger; they are marked Broken.</source>
        <translation>
            <numerusform>%n wallet in this list does not match its ledger; it is marked Broken.</numerusform>
            <numerusform>%n wallets in this list do not match their ledger; they are marked Broken.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copy seller id</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln wallet(s)</source>
        <translation>
            <numerusform>%Ln wallet</numerusform>
            <numerusform>%Ln wallets</numerusform>
        </translation>
    </message>
    <message>
        <source>more than %1 wallets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Bursar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Bursar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>reconciliation run %1 %2: %3 open difference(s), %4 new, %5 resolved, %6 in flight, %7 Stripe object(s) in %8 request(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full remainder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal &amp;note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: why is this refund made? (staff only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host=localhost dbname=bursar user=alice, or postgresql://alice@localhost/bursar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefer a password in ~/.pgpass: a password typed here is kept in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This console connects only to the database: Stripe is reached only through the Bursar agent, which holds the Stripe key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>bursar-cli</name>
    <message>
        <source>%1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Back-office console for Stripe marketplaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a PNG of the main window once the first data has arrived, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the screenshot after at most this many milliseconds (default 2500).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit after this many milliseconds (smoke tests).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this panel (overview, orders, refunds, wallets) once connected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
