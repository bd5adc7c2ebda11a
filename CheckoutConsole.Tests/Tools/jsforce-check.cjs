// Drives jsforce against the emulator and prints what it observed as one JSON object; the C#
// test asserts on it. Inputs come from the environment (INSTANCE_URL, ACCESS_TOKEN, CART_IDS,
// SESSION_ID, CART_NAME).
const jsforce = require('jsforce');

async function main() {
  const env = process.env;
  const conn = new jsforce.Connection({ instanceUrl: env.INSTANCE_URL, accessToken: env.ACCESS_TOKEN, version: '62.0' });
  const carts = env.CART_IDS.split(',');
  const out = {};

  out.count = await conn.sobject('WebCart').count();
  out.countActive = await conn.sobject('WebCart').count({ Status: 'Active' });
  out.find = (await conn.sobject('WebCart').find({ Name: env.CART_NAME }, ['Id', 'Name'])).map((r) => r.Name);

  const all = await conn.query('SELECT Id FROM WebCart').run({ autoFetch: true, maxFetch: 100000 });
  out.autoFetch = { totalSize: all.totalSize, records: all.records.length, distinct: new Set(all.records.map((r) => r.Id)).size };

  const first = await conn.query('SELECT Id FROM WebCart');
  const more = await conn.queryMore(first.nextRecordsUrl);
  out.queryMore = { first: first.records.length, firstDone: first.done, more: more.records.length, moreDone: more.done };

  const scanned = await conn.query('SELECT Id, IsArchived FROM CartCheckoutSession', { scanAll: true });
  out.scanAll = { totalSize: scanned.totalSize, archived: scanned.records.filter((r) => r.IsArchived).length };

  out.retrieve = (await conn.sobject('WebCart').retrieve(carts)).map((r) => (r ? r.Name : null));

  out.update = (await conn.sobject('CartCheckoutSession').update([{ Id: env.SESSION_ID, IsProcessing: true }])).map((r) => r.success);
  out.afterUpdate = (await conn.sobject('CartCheckoutSession').retrieve(env.SESSION_ID)).IsProcessing;

  const limits = await conn.limits();
  out.limits = limits.DailyApiRequests;
  out.limitInfo = conn.limitInfo;

  const identity = await conn.identity();
  out.identity = { username: identity.username, userId: identity.user_id, orgId: identity.organization_id };

  const composite = await conn.requestPost('/composite', {
    allOrNone: true,
    compositeRequest: [
      { method: 'GET', url: `/services/data/v62.0/sobjects/WebCart/${carts[0]}?fields=Id,Name`, referenceId: 'cart' },
      { method: 'GET', url: "/services/data/v62.0/query?q=SELECT+Id+FROM+CartItem+WHERE+CartId='@{cart.Id}'", referenceId: 'items' },
    ],
  });
  out.composite = composite.compositeResponse.map((r) => ({ referenceId: r.referenceId, status: r.httpStatusCode, body: r.body }));

  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(`${err.name}: ${err.message}\n${err.stack}\n`);
  process.exit(1);
});
