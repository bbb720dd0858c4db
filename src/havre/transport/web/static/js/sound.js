// A soft two-note chime, synthesised once as an 8-bit WAV data: URI (the CSP allows media-src data:).

let uri = null;

function buildChime() {
  const rate = 16000;
  const notes = [[784, 0, 0.12], [1175, 0.09, 0.22]]; // G5 then D6: [frequency Hz, start s, length s]
  const total = Math.ceil(rate * 0.34);
  const samples = new Float32Array(total);
  for (const [freq, start, len] of notes) {
    const from = Math.floor(start * rate);
    const n = Math.floor(len * rate);
    for (let i = 0; i < n && from + i < total; i++) {
      const tt = i / rate;
      const envelope = Math.min(1, tt * 200) * Math.exp(-tt * 14);
      samples[from + i] += 0.32 * envelope * Math.sin(2 * Math.PI * freq * tt);
    }
  }
  const bytes = new Uint8Array(44 + total);
  const view = new DataView(bytes.buffer);
  const ascii = (offset, s) => { for (let i = 0; i < s.length; i++) bytes[offset + i] = s.charCodeAt(i); };
  ascii(0, 'RIFF'); view.setUint32(4, 36 + total, true); ascii(8, 'WAVE');
  ascii(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, rate, true); view.setUint16(32, 1, true); view.setUint16(34, 8, true);
  ascii(36, 'data'); view.setUint32(40, total, true);
  for (let i = 0; i < total; i++) bytes[44 + i] = Math.max(0, Math.min(255, Math.round(128 + 127 * samples[i])));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 4096) binary += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return `data:audio/wav;base64,${btoa(binary)}`;
}

/** The chime as a data: URI (built on first use). */
export function chimeUri() {
  if (!uri) uri = buildChime();
  return uri;
}

/** Play the chime; browsers may refuse before the first user gesture, which is fine. */
export function playChime() {
  try {
    const audio = new Audio(chimeUri());
    audio.volume = 0.6;
    const p = audio.play();
    if (p && p.catch) p.catch(() => {});
  } catch { /* no audio: ignore */ }
}
