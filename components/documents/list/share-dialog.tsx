"use client";
/**
 * Share a document: with people (a people picker over the portal's users; role reader, commenter
 * or editor; remove) and by link (role; the link is shown once, to copy; revoke). Only the owner
 * changes anything; others see who has access.
 */
import { useEffect, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { documentsApi, shareLinkUrl } from "@/components/documents/api/documents-api";
import {
  SHAREABLE_ROLES,
  type DocumentMember,
  type PersonMatch,
  type ShareLink,
  type ShareableRole,
} from "@/components/documents/api/types";
import { ModalDialog } from "@/components/documents/shared/modal-dialog";
import { useErrorMessage } from "@/components/documents/shared/use-error-message";
import { dangerButton, inputStyle, primaryButton, secondaryButton } from "@/components/documents/shared/button-styles";

interface ShareTarget {
  id: string;
  title: string;
  role: string;
}

export function ShareDialog({ document: target, onClose }: { document: ShareTarget | null; onClose: () => void }) {
  // Keyed by document: sharing another document starts from a fresh state.
  return target ? (
    <ShareDialogBody key={target.id} target={target} onClose={onClose} />
  ) : (
    <ModalDialog open={false} title="" onClose={onClose}>
      {null}
    </ModalDialog>
  );
}

function ShareDialogBody({ target, onClose }: { target: ShareTarget; onClose: () => void }) {
  const t = useTranslations("documents");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const [members, setMembers] = useState<DocumentMember[]>([]);
  const [links, setLinks] = useState<ShareLink[]>([]);
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<PersonMatch[] | null>(null);
  const [newRole, setNewRole] = useState<ShareableRole>("editor");
  const [linkRole, setLinkRole] = useState<ShareableRole>("reader");
  const [freshLink, setFreshLink] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const isOwner = target.role === "owner";

  useEffect(() => {
    documentsApi.members(target.id).then(setMembers, (error: unknown) => setMessage(errorMessage(error)));
    if (target.role === "owner") {
      documentsApi.links(target.id).then(setLinks, (error: unknown) => setMessage(errorMessage(error)));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded once per document (the body is keyed by it)
  }, []);

  useEffect(() => {
    if (query.trim().length < 2) return;
    const timer = setTimeout(() => {
      documentsApi.people(query.trim()).then(setMatches, () => setMatches([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);

  // Fewer than two characters: no search, no list (stale matches are not shown).
  const shownMatches = query.trim().length < 2 ? null : matches;

  const act = (work: Promise<unknown>) => work.catch((error: unknown) => setMessage(errorMessage(error)));

  return (
    <ModalDialog open title={t("share.title", { title: target.title })} onClose={onClose}>
      <div className="space-y-5 text-sm">
        {!isOwner ? <p className="text-fg-muted">{t("share.ownerOnly")}</p> : null}
        <section aria-labelledby="share-people" className="space-y-2">
          <h3 id="share-people" className="font-semibold">
            {t("share.people")}
          </h3>
          {isOwner ? (
            <div className="space-y-2">
              <div className="flex flex-wrap gap-2">
                <label className="min-w-48 flex-1">
                  <span className="sr-only">{t("share.search")}</span>
                  <input
                    type="search"
                    value={query}
                    placeholder={t("share.search")}
                    onChange={(event) => setQuery(event.target.value)}
                    className={inputStyle}
                  />
                </label>
                <label>
                  <span className="sr-only">{t("share.newRole")}</span>
                  <select
                    value={newRole}
                    onChange={(event) => setNewRole(event.target.value as ShareableRole)}
                    className={inputStyle}
                  >
                    {SHAREABLE_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`roles.${role}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {shownMatches !== null ? (
                shownMatches.length === 0 ? (
                  <p className="text-fg-muted">{t("share.noMatch")}</p>
                ) : (
                  <ul className="divide-y divide-border rounded border border-border">
                    {shownMatches.map((person) => (
                      <li key={person.userId} className="flex items-center justify-between gap-2 px-2 py-1.5">
                        <span>
                          {person.displayName}
                          {person.email ? <span className="block text-xs text-fg-muted">{person.email}</span> : null}
                        </span>
                        <button
                          type="button"
                          className={primaryButton}
                          aria-label={t("share.add", { name: person.displayName })}
                          onClick={() =>
                            void act(
                              documentsApi.share(target.id, person.userId, newRole).then((next) => {
                                setMembers(next);
                                setQuery("");
                              }),
                            )
                          }
                        >
                          +
                        </button>
                      </li>
                    ))}
                  </ul>
                )
              ) : null}
            </div>
          ) : null}
          <ul className="divide-y divide-border rounded border border-border">
            {members.map((member) => (
              <li key={member.userId} className="flex flex-wrap items-center justify-between gap-2 px-2 py-1.5">
                <span>
                  {member.displayName}
                  {member.email ? <span className="block text-xs text-fg-muted">{member.email}</span> : null}
                </span>
                {isOwner && member.role !== "owner" ? (
                  <span className="flex gap-2">
                    <select
                      aria-label={t("share.roleFor", { name: member.displayName })}
                      value={member.role}
                      className={inputStyle}
                      onChange={(event) => {
                        const role = event.target.value as ShareableRole;
                        void act(
                          documentsApi
                            .changeRole(target.id, member.userId, role)
                            .then(() =>
                              setMembers((current) =>
                                current.map((m) => (m.userId === member.userId ? { ...m, role } : m)),
                              ),
                            ),
                        );
                      }}
                    >
                      {SHAREABLE_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      className={dangerButton}
                      aria-label={t("share.remove", { name: member.displayName })}
                      onClick={() =>
                        void act(
                          documentsApi
                            .unshare(target.id, member.userId)
                            .then(() => setMembers((current) => current.filter((m) => m.userId !== member.userId))),
                        )
                      }
                    >
                      ×
                    </button>
                  </span>
                ) : (
                  <span className="text-fg-muted">{t(`roles.${member.role}`)}</span>
                )}
              </li>
            ))}
          </ul>
        </section>

        {isOwner ? (
          <section aria-labelledby="share-links" className="space-y-2">
            <h3 id="share-links" className="font-semibold">
              {t("share.links")}
            </h3>
            <div className="flex flex-wrap items-end gap-2">
              <label>
                <span className="block">{t("share.linkRole")}</span>
                <select
                  value={linkRole}
                  onChange={(event) => setLinkRole(event.target.value as ShareableRole)}
                  className={inputStyle}
                >
                  {SHAREABLE_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`roles.${role}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className={secondaryButton}
                onClick={() =>
                  void act(
                    documentsApi.createLink(target.id, linkRole).then((link) => {
                      setFreshLink(shareLinkUrl(link.token));
                      setLinks((current) => [{ id: link.id, role: link.role, createdAt: link.createdAt }, ...current]);
                    }),
                  )
                }
              >
                {t("share.createLink")}
              </button>
            </div>
            {freshLink ? (
              <div className="space-y-1 rounded border border-primary p-2">
                <p>{t("share.newLinkHint")}</p>
                <input
                  readOnly
                  value={freshLink}
                  aria-label={t("share.copyLink")}
                  className={inputStyle}
                  onFocus={(e) => e.target.select()}
                />
                <button
                  type="button"
                  className={secondaryButton}
                  onClick={() =>
                    void navigator.clipboard.writeText(freshLink).then(() => setMessage(t("share.copied")))
                  }
                >
                  {t("share.copyLink")}
                </button>
              </div>
            ) : null}
            {links.length === 0 ? <p className="text-fg-muted">{t("share.noLinks")}</p> : null}
            <ul className="divide-y divide-border rounded border border-border">
              {links.map((link) => (
                <li key={link.id} className="flex items-center justify-between gap-2 px-2 py-1.5">
                  <span>
                    {t("share.linkLabel", {
                      role: t(`roles.${link.role}`),
                      date: format.dateTime(new Date(link.createdAt), { dateStyle: "medium", timeStyle: "short" }),
                    })}
                  </span>
                  <button
                    type="button"
                    className={dangerButton}
                    onClick={() =>
                      void act(
                        documentsApi
                          .revokeLink(target.id, link.id)
                          .then(() => setLinks((current) => current.filter((l) => l.id !== link.id))),
                      )
                    }
                  >
                    {t("share.revoke")}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <p role="status" aria-live="polite" className="min-h-5">
          {message}
        </p>
        <div className="flex justify-end">
          <button type="button" className={secondaryButton} onClick={onClose}>
            {t("share.close")}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
