// Sample images (SampleImage pixels in [0, 1]) drawn on small canvases, scaled up with crisp pixels, with captions.
// `pairs` lays out images two by two (an original beside its reconstruction).
import { memo, useEffect, useRef } from 'react';
import type { SampleImage } from '../../../shared/events.js';
import { sampleToRgba } from './image.js';
import './panels-shared.css';

export function SampleCanvas({ image, size = 56, label }: { image: SampleImage; size?: number; label?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || image.width <= 0 || image.height <= 0) return;
    const { width, height, data } = sampleToRgba(image);
    c.width = width;
    c.height = height;
    ctx.putImageData(new ImageData(data as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
  }, [image]);
  const scale = size / Math.max(image.width, image.height, 1);
  return (
    <canvas
      ref={ref}
      className="ll-sample"
      role="img"
      aria-label={label ?? image.caption ?? 'sample image'}
      style={{ width: Math.round(image.width * scale), height: Math.round(image.height * scale) }}
    />
  );
}

export interface ImageGridProps {
  /** Accessible name of the grid, e.g. "Reconstructions". */
  label: string;
  images: readonly SampleImage[];
  /** Displayed size of the longer side, px. */
  size?: number;
  /** Two images per cell: original and reconstruction. */
  pairs?: boolean;
  /** Captions under each image (default: shown when images have one). */
  captions?: boolean;
  /** Extra caption per image index. */
  captionFor?(image: SampleImage, index: number): string | undefined;
  /** Marks an image as wrong (red frame), e.g. a misclassified prediction. */
  isWrong?(image: SampleImage, index: number): boolean;
  /** A fixed number of columns (default: as many as fit). */
  columns?: number;
}

function ImageGridView({ label, images, size = 56, pairs, captions = true, captionFor, isWrong, columns }: ImageGridProps) {
  if (pairs) {
    const cells: [SampleImage, SampleImage | undefined, number][] = [];
    for (let i = 0; i < images.length; i += 2) cells.push([images[i]!, images[i + 1], i / 2]);
    return (
      <ul className="ll-image-grid ll-image-grid--pairs" aria-label={label}>
        {cells.map(([a, b, i]) => (
          <li key={i} className="ll-image-grid__pair">
            <figure>
              <SampleCanvas image={a} size={size} label={`sample ${i + 1}, ${a.caption ?? 'original'}`} />
              {captions && <figcaption>{a.caption ?? 'original'}</figcaption>}
            </figure>
            {b && (
              <figure>
                <SampleCanvas image={b} size={size} label={`sample ${i + 1}, ${b.caption ?? 'reconstruction'}`} />
                {captions && <figcaption>{b.caption ?? 'reconstruction'}</figcaption>}
              </figure>
            )}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul
      className="ll-image-grid" aria-label={label}
      style={{ ['--ll-cell' as string]: `${size}px`, ...(columns ? { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` } : {}) }}
    >
      {images.map((img, i) => {
        const caption = captionFor?.(img, i) ?? img.caption;
        const wrong = isWrong?.(img, i) ?? false;
        return (
          <li key={i} className={`ll-image-grid__item${wrong ? ' ll-image-grid__item--wrong' : ''}`}>
            <SampleCanvas image={img} size={size} label={caption ?? `sample ${i + 1}`} />
            {captions && caption && <span className="ll-image-grid__caption">{caption}</span>}
          </li>
        );
      })}
    </ul>
  );
}

export const ImageGrid = memo(ImageGridView);
