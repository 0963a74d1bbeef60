/**
 * Shapes shared by the face engine, the server and the terminal client.
 *
 * Coordinates: `box` is in pixels of the ORIGINAL image after EXIF orientation
 * (what a viewer shows), `boxNorm` is the same box as fractions 0..1 of that image.
 * Seed: face-routed-sharing CN103369031A [0052] — "find faces; give each face's
 * position, size and organ positions; extract an identity feature; compare".
 */

/** Which identity model produced a descriptor, and so which metric applies. */
export type EmbeddingModel = 'faceplugin' | 'faceres' | 'faceapi' | 'fusion';

/** An axis-aligned rectangle: x, y = top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in pixels of the oriented original image. */
export interface Point {
  x: number;
  y: number;
}

/** The organ positions of [0052]: eye centres, eye outer corners, nose tip, mouth corners. */
export interface FaceLandmarks {
  leftEye: Point;
  rightEye: Point;
  leftEyeOuter: Point;
  rightEyeOuter: Point;
  noseTip: Point;
  mouthLeft: Point;
  mouthRight: Point;
}

/** Quality signals of one face; `score` is 0..1, higher is better (see quality.ts). */
export interface FaceQuality {
  /** Distance between the eyes' outer corners, px of the original image. */
  eyeDistancePx: number;
  /** Variance of the Laplacian over the face crop (grey levels²); under ~40 reads as blurred. */
  sharpness: number;
  /** Head pose in degrees (yaw: left/right, pitch: up/down, roll: tilt). */
  yaw: number;
  pitch: number;
  roll: number;
  /** Combined 0..1. */
  score: number;
}

/** One detected face with its identity descriptor. */
export interface AnalysedFace {
  box: Box;
  boxNorm: Box;
  /** Detector confidence 0..1 (blazeface). */
  score: number;
  landmarks: FaceLandmarks;
  quality: FaceQuality;
  /** Float32 identity descriptor; layout given by `model` (see descriptor-layout.ts). */
  descriptor: Float32Array;
}

/** Per-stage wall time of one analysis, ms. */
export interface StageTimings {
  decode: number;
  /** One Human pass: blazeface detection + facemesh landmarks (+ faceres descriptor when the model uses it). */
  detect: number;
  /** face-api 68-point landmarks on Human's faces (fusion and faceapi models only). */
  landmarks: number;
  /** face-api 128-d descriptor, face and mirror image (fusion and faceapi models only). */
  descriptor: number;
  total: number;
}

/** The answer for one image. */
export interface FaceAnalysis {
  /** Oriented original size, px. */
  width: number;
  height: number;
  /** Size the models saw (long side capped), px. */
  analysedWidth: number;
  analysedHeight: number;
  model: EmbeddingModel;
  /** e.g. `fusion@1`; stored with every face so a model change triggers re-indexing. */
  modelVersion: string;
  faces: AnalysedFace[];
  timings: StageTimings;
}

/**
 * One person cut out of an image by the segmentation model (MediaPipe Selfie), see
 * `FaceEngine.segment`. The mask is at analysis size (long side capped like face analysis);
 * `scale` maps it back: original px = mask px × scale.
 */
export interface PersonSegmentation {
  /** Mask size, px. */
  width: number;
  height: number;
  /** Oriented original size, px. */
  originalWidth: number;
  originalHeight: number;
  scale: number;
  /** One byte per mask pixel, row-major: 0 = background … 255 = person. */
  alpha: Uint8Array;
  /** The kept person's bounding box in mask px; null when the model found no person there. */
  box: Box | null;
  /** Wall time in ms: decode, the model passes with the person isolation, total. */
  timings: { decode: number; segment: number; total: number };
}
