/** The Kith logo and name, as the sidebar, the sign-in page and a guest's page show it. */
export function BrandMark() {
  return (
    <>
      <span className="brand-mark" aria-hidden>
        <span />
        <span />
      </span>
      <span className="brand-name">Kith</span>
    </>
  );
}
