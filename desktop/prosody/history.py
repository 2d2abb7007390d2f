"""A sliding store of recent frame features, addressed by absolute frame index."""

from desktop.prosody.frames import FrameFeatures, concat_features, empty_features


class FeatureHistory:
    """Keeps the frames from `first_frame` on; older frames are dropped on request.

    Memory stays bounded because the analyzer drops everything that no pending stretch of
    speech can still need.
    """

    def __init__(self) -> None:
        self._features = empty_features(0)

    @property
    def first_frame(self) -> int:
        """The oldest frame held."""
        return self._features.first_frame

    @property
    def end_frame(self) -> int:
        """One past the newest frame held."""
        return self._features.first_frame + self._features.n_frames

    def append(self, batch: FrameFeatures) -> None:
        if self._features.n_frames == 0:
            self._features = batch
        else:
            self._features = concat_features([self._features, batch])

    def window(self, start_frame: int, end_frame: int) -> FrameFeatures:
        """Frames [start_frame, end_frame) clipped to what is held."""
        first = self._features.first_frame
        lo = max(start_frame - first, 0)
        hi = max(min(end_frame - first, self._features.n_frames), lo)
        f = self._features
        return FrameFeatures(
            first + lo,
            f.level_dbfs[lo:hi],
            f.band_db[lo:hi],
            f.periodicity[lo:hi],
            f.f0_hz[lo:hi],
        )

    def drop_before(self, frame: int) -> None:
        first = self._features.first_frame
        cut = min(max(frame - first, 0), self._features.n_frames)
        if cut:
            self._features = self.window(first + cut, self.end_frame)
