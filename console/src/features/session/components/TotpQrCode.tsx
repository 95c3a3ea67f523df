import { useEffect, useRef } from 'react';
import QRCode from 'qrcode';

/** The authenticator secret as a QR code drawn on a canvas here (never sent to a QR service). */
export function TotpQrCode({ uri, label }: { uri: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) void QRCode.toCanvas(canvas.current, uri, { errorCorrectionLevel: 'M', margin: 2, width: 200 });
  }, [uri]);
  return <canvas ref={canvas} role="img" aria-label={label} width={200} height={200} />;
}
