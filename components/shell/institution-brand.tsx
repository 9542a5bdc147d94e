/**
 * The institution's logo and name, from configuration. The logo is decorative (`alt=""`): the name
 * is always written next to it, so it is never announced twice.
 */
export interface TInstitution {
  name: string;
  logoUrl: string;
}

export function InstitutionBrand({
  institution,
  size = "md",
  className = "",
}: {
  institution: TInstitution;
  size?: "md" | "lg";
  className?: string;
}) {
  const logoSize = size === "lg" ? "size-12" : "size-9";
  return (
    <span className={`flex min-w-0 items-center gap-2 ${className}`}>
      {/* A plain <img>: the logo is a small SVG the image optimiser would not process, and
          next/image would add client JavaScript to every page for nothing. */}
      {/* On a white tile: the logo stays visible on the primary band whatever its colours. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={institution.logoUrl}
        alt=""
        width={48}
        height={48}
        className={`${logoSize} shrink-0 rounded-md bg-white object-contain p-0.5`}
      />
      {/* In the header the name takes at most two lines, so the menus stay in place at 360 px;
          on the sign-in pages it wraps, as long institution names are common. */}
      <span
        className={`font-semibold ${size === "lg" ? "text-xl text-balance break-words" : "line-clamp-2 text-sm leading-tight break-words sm:text-base"}`}
      >
        {institution.name}
      </span>
    </span>
  );
}
