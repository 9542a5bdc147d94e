"use client";
/**
 * Registers the service worker (public/sw.js: the offline page for the shell, nothing else is
 * cached). After the page has loaded, so it never competes with the first paint on a slow network.
 * Not in development: a worker that outlives code changes makes hot reload confusing.
 */
import { useEffect } from "react";

export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    const register = () => {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
        // Not fatal: the portal works without it, only the offline page is missing.
        console.warn("service worker registration failed", error);
      });
    };
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
    return () => window.removeEventListener("load", register);
  }, []);
  return null;
}
