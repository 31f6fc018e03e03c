/**
 * A real, playable MP3 of silence, for a browser's audio element (the fake Twilio's FAKE_AUDIO is
 * only a few header bytes, which no decoder accepts). Each frame is MPEG-1 Layer III, 64 kbit/s,
 * 44.1 kHz, mono, 1152 samples: a 4-byte header, then side information and main data all zero,
 * which decodes as silence.
 */
export function silentMp3(seconds: number): Buffer {
  const header = Buffer.from([0xff, 0xfb, 0x50, 0xc0]);
  // 144 × bitrate ÷ sample rate, without padding.
  const frameLength = Math.floor((144 * 64_000) / 44_100);
  const frames = Math.ceil((seconds * 44_100) / 1152);
  const frame = Buffer.alloc(frameLength);
  header.copy(frame);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}
