/**
 * `seedDemoContacts(radicaleUrl, { login, password })`: gives a demo account a personal address
 * book "Contacts" on the Radicale stand-in with a few people a hospital worker keeps outside the
 * directory (the pharmacy's night line, a private-practice GP, the ambulance company…), plus one
 * colleague who is also in the directory with a mobile number the directory lacks — so the people
 * search shows a merged entry.
 *
 * Plain fetch on purpose (like radicale.ts): the demo process runs it before the portal starts.
 * Idempotent: fixed UIDs and file names, so seeding again on every demo start replaces the same
 * cards instead of piling up copies. Radicale's layout is /<login>/<collection>/.
 */

interface DemoContact {
  uid: string;
  fn: string;
  n: [string, string];
  email?: string;
  tel?: string;
  org?: [string, string?];
  title?: string;
  note?: string;
}

const DEMO_CONTACTS: DemoContact[] = [
  {
    uid: "demo-contact-helene",
    fn: "Hélène Leroux",
    n: ["Leroux", "Hélène"],
    email: "helene.leroux@demo.hopital.test",
    tel: "+33 6 99 00 00 01",
    note: "Portable perso — astreintes du week-end",
  },
  {
    uid: "demo-contact-pharmacie",
    fn: "Pharmacie de garde Saint-Éloi",
    n: ["Saint-Éloi", "Pharmacie"],
    email: "garde@pharmacie-saint-eloi.test",
    tel: "+33 1 99 00 30 01",
    org: ["Pharmacie Saint-Éloi"],
  },
  {
    uid: "demo-contact-generaliste",
    fn: "Dr Joëlle Marchand",
    n: ["Marchand", "Joëlle"],
    email: "cabinet.marchand@medecin.test",
    tel: "+33 1 99 00 30 02",
    org: ["Cabinet médical des Tilleuls"],
    title: "médecin généraliste",
  },
  {
    uid: "demo-contact-ambulances",
    fn: "Ambulances Lefort",
    n: ["Lefort", "Ambulances"],
    email: "regulation@ambulances-lefort.test",
    tel: "+33 1 99 00 30 03",
    org: ["Ambulances Lefort", "Régulation"],
  },
  {
    uid: "demo-contact-ehpad",
    fn: "Sébastien Noël",
    n: ["Noël", "Sébastien"],
    email: "s.noel@ehpad-les-glycines.test",
    org: ["EHPAD Les Glycines", "Infirmerie"],
    title: "infirmier coordinateur",
  },
];

function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(/([,;])/g, "\\$1");
}

export function demoVCard(contact: DemoContact): string {
  const lines = [
    "BEGIN:VCARD",
    "VERSION:3.0",
    `UID:${contact.uid}`,
    `FN:${escapeText(contact.fn)}`,
    `N:${escapeText(contact.n[0])};${escapeText(contact.n[1])};;;`,
    ...(contact.email ? [`EMAIL;TYPE=INTERNET:${contact.email}`] : []),
    ...(contact.tel ? [`TEL;TYPE=VOICE:${contact.tel}`] : []),
    ...(contact.org
      ? [
          `ORG:${contact.org
            .filter((part) => part !== undefined)
            .map(escapeText)
            .join(";")}`,
        ]
      : []),
    ...(contact.title ? [`TITLE:${escapeText(contact.title)}`] : []),
    ...(contact.note ? [`NOTE:${escapeText(contact.note)}`] : []),
    "END:VCARD",
  ];
  return lines.join("\r\n") + "\r\n";
}

export async function seedDemoContacts(
  radicaleUrl: string,
  account: { login: string; password: string },
): Promise<{ addressBook: string; contacts: number }> {
  const authorization = `Basic ${Buffer.from(`${account.login}:${account.password}`).toString("base64")}`;
  const root = radicaleUrl.endsWith("/") ? radicaleUrl : `${radicaleUrl}/`;
  const book = new URL(`${encodeURIComponent(account.login)}/contacts/`, root).href;
  const created = await fetch(book, {
    method: "MKCOL",
    headers: { authorization, "content-type": "application/xml; charset=utf-8" },
    body:
      '<?xml version="1.0" encoding="utf-8"?>' +
      '<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop>' +
      "<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype><D:displayname>Contacts</D:displayname>" +
      "</D:prop></D:set></D:mkcol>",
    signal: AbortSignal.timeout(10_000),
  });
  // 405: the address book exists already (an earlier demo start).
  if (!created.ok && created.status !== 405) {
    throw new Error(`[demo-contacts] MKCOL ${book} for ${account.login}: HTTP ${created.status}`);
  }
  for (const contact of DEMO_CONTACTS) {
    const response = await fetch(new URL(`${contact.uid}.vcf`, book), {
      method: "PUT",
      headers: { authorization, "content-type": "text/vcard; charset=utf-8" },
      body: demoVCard(contact),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(`[demo-contacts] PUT ${contact.uid} for ${account.login}: HTTP ${response.status}`);
    }
  }
  return { addressBook: book, contacts: DEMO_CONTACTS.length };
}
