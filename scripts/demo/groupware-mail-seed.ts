/**
 * The demo's mail: a few realistic, fictitious messages of a French hospital delivered into the
 * demo mailboxes through the stand-in's LMTP port (as the mail server's own delivery would), so
 * that /mail opens on something to read: a planning with an attachment, a two-message thread,
 * service notes. No patient data, even fictitious: the demo is published.
 *
 * Dates are set relative to now (this morning, yesterday…), so the demo always looks current.
 */
import nodemailer from "nodemailer";

export interface DemoMailbox {
  email: string;
  name: string;
}

interface SeedMessage {
  to: DemoMailbox;
  from: { name: string; address: string };
  cc?: DemoMailbox[];
  subject: string;
  text: string;
  html?: string;
  minutesAgo: number;
  messageId: string;
  inReplyTo?: string;
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
}

const DOMAIN = "demo.hopital.test";

function messages(alice: DemoMailbox, bruno: DemoMailbox, chloe: DemoMailbox): SeedMessage[] {
  const meetingId = `<reunion-service-${Date.now().toString(36)}@${DOMAIN}>`;
  return [
    {
      to: alice,
      from: { name: "Secrétariat de cardiologie", address: `secretariat.cardiologie@${DOMAIN}` },
      subject: "Planning des consultations de la semaine",
      text: "Bonjour Docteur,\n\nVous trouverez ci-joint le planning des consultations de la semaine. Les créneaux du jeudi après-midi ont été avancés à 13 h 30.\n\nBien cordialement,\nLe secrétariat de cardiologie",
      html: "<p>Bonjour Docteur,</p><p>Vous trouverez ci-joint le <strong>planning des consultations</strong> de la semaine. Les créneaux du jeudi après-midi ont été avancés à 13&nbsp;h&nbsp;30.</p><p>Bien cordialement,<br>Le secrétariat de cardiologie</p>",
      minutesAgo: 45,
      messageId: `<planning-${Date.now().toString(36)}@${DOMAIN}>`,
      attachments: [
        {
          filename: "planning-consultations.csv",
          contentType: "text/csv; charset=utf-8",
          content:
            "jour;heure;salle;praticien\nlundi;09:00;C12;Dr Martin\nmardi;14:00;C12;Dr Martin\njeudi;13:30;C14;Dr Martin\n",
        },
      ],
    },
    {
      to: alice,
      from: { name: bruno.name, address: bruno.email },
      cc: [chloe],
      subject: "Réunion de service jeudi",
      text: "Bonjour Alice,\n\nLa réunion de service est maintenue jeudi à 14 h en salle B204. Peux-tu présenter le nouveau protocole de transmissions ?\n\nBruno",
      minutesAgo: 60 * 20,
      messageId: meetingId,
    },
    {
      to: alice,
      from: { name: chloe.name, address: chloe.email },
      cc: [bruno],
      subject: "Re: Réunion de service jeudi",
      text: "Bonjour à tous,\n\nJ'ai réservé la salle B204 et le vidéoprojecteur. Je mets l'ordre du jour dans les documents partagés.\n\nChloé\n\n> La réunion de service est maintenue jeudi à 14 h en salle B204.",
      minutesAgo: 60 * 18,
      messageId: `<reunion-reponse-${Date.now().toString(36)}@${DOMAIN}>`,
      inReplyTo: meetingId,
    },
    {
      to: alice,
      from: { name: "Pharmacie à usage intérieur", address: `pharmacie@${DOMAIN}` },
      subject: "Rupture de stock : amoxicilline 1 g injectable",
      text: "Bonjour,\n\nL'amoxicilline 1 g injectable est en rupture chez le fournisseur jusqu'à la fin du mois. Une alternative est proposée dans la note jointe au livret thérapeutique.\n\nLa pharmacie",
      minutesAgo: 60 * 26,
      messageId: `<pharmacie-${Date.now().toString(36)}@${DOMAIN}>`,
    },
    {
      to: alice,
      from: { name: "Direction des soins", address: `direction.soins@${DOMAIN}` },
      subject: "Rappel : formation hygiène des mains",
      text: "Madame, Monsieur,\n\nLa session de formation à l'hygiène des mains a lieu mardi prochain de 10 h à 11 h en amphithéâtre. Inscription auprès de votre cadre de santé.\n\nLa direction des soins",
      minutesAgo: 60 * 50,
      messageId: `<formation-${Date.now().toString(36)}@${DOMAIN}>`,
    },
    {
      to: bruno,
      from: { name: "Cadre de santé, cardiologie", address: `cadre.cardiologie@${DOMAIN}` },
      subject: "Planning de garde du week-end",
      text: "Bonjour Bruno,\n\nTu es d'astreinte samedi de 8 h à 20 h. Merci de confirmer.\n\nLa cadre de santé",
      minutesAgo: 90,
      messageId: `<garde-${Date.now().toString(36)}@${DOMAIN}>`,
    },
  ];
}

/** Delivers the demo messages over LMTP (127.0.0.1:lmtpPort); oldest first, like a real inbox fills. */
export async function seedDemoMail(
  lmtpPort: number,
  people: { alice: DemoMailbox; bruno: DemoMailbox; chloe: DemoMailbox },
  now = new Date(),
): Promise<number> {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: lmtpPort,
    lmtp: true,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 10_000,
  });
  const list = messages(people.alice, people.bruno, people.chloe).sort((a, b) => b.minutesAgo - a.minutesAgo);
  try {
    for (const message of list) {
      await transport.sendMail({
        from: message.from,
        to: { name: message.to.name, address: message.to.email },
        cc: message.cc?.map((person) => ({ name: person.name, address: person.email })),
        subject: message.subject,
        text: message.text,
        html: message.html,
        date: new Date(now.getTime() - message.minutesAgo * 60_000),
        messageId: message.messageId,
        inReplyTo: message.inReplyTo,
        references: message.inReplyTo ? [message.inReplyTo] : undefined,
        attachments: message.attachments,
        // LMTP delivers to the envelope recipient only: the copy addressed to Cc people is not
        // delivered here (their own inboxes get their own seeded mail).
        envelope: { from: message.from.address, to: [message.to.email] },
      });
    }
  } finally {
    transport.close();
  }
  return list.length;
}
