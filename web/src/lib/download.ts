// Saves text made in the browser (CSV, GeoJSON) as a file, without a round trip to the server.
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the blob after click() returns; release it a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
