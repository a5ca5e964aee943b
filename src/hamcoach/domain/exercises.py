"""The built-in catalogue: five knee-flexion exercises, as frozen data.

The facts come from the seed programme; every cue is written in our own words.
FIT codes: profile exercise_category 15 is `leg_curl`; the profile has no Nordic, lying or seated
names, so each step also carries a readable step name.
"""

from __future__ import annotations

from hamcoach.domain.catalogue import (
    Catalogue,
    Cues,
    Equipment,
    Exercise,
    FitCode,
    HipPosition,
    Laterality,
    LoadType,
    Prescription,
    Variant,
)

LEG_CURL = 15
HIP_RAISE = 10

EQUIPMENT: tuple[Equipment, ...] = (
    Equipment("lying-curl-machine", "Lying (prone) leg-curl machine", "gym machine, face down"),
    Equipment("seated-curl-machine", "Seated leg-curl machine", "gym machine with a lap bar"),
    Equipment(
        "standing-curl-machine", "Standing leg-curl machine", "gym machine, one leg at a time"
    ),
    Equipment("nordic-bench", "Nordic bench", "a bench or station that locks the heels"),
    Equipment("partner", "Training partner", "someone to hold your heels down"),
    Equipment(
        "anchor", "Heel anchor", "a low fixed bar, loaded barbell or strap to hook heels under"
    ),
    Equipment("mat", "Exercise mat or pad", "cushions the knees; recommended for the Nordic"),
    Equipment("towel", "Towel on a smooth floor", "wood, tile or laminate so the heels can slide"),
    Equipment("sliders", "Slider discs", "gliding discs for carpet or floor"),
    Equipment("stability-ball", "Stability ball", "a Swiss ball, 55-65 cm suits most runners"),
)

_WHY_CURL = (
    "The hamstrings brake the swinging shin just before each foot strike. Training them through "
    "knee flexion builds that braking strength and keeps the hamstring-to-quadriceps balance that "
    "steadies the knee."
)

LYING_LEG_CURL = Exercise(
    slug="lying-leg-curl",
    name="Lying leg curl",
    equipment=(frozenset({"lying-curl-machine"}),),
    recommended=frozenset(),
    laterality=Laterality.BILATERAL,
    load_type=LoadType.MACHINE,
    hip=HipPosition.EXTENDED,
    prescription=Prescription(),
    cues=Cues(
        setup=(
            "Pick a weight that makes the last reps of each set hard work.",
            "Lie on your front, hold the handles and let your legs go long.",
            "Slide so the roller sits low on the calves, a little above the heels.",
        ),
        movement=(
            "Keep your hips pinned to the pad the whole time.",
            "Bend the knees and bring your heels as near your backside as they will go.",
            "Hold the top for a beat.",
        ),
        lowering=("Let the legs straighten under control; no dropping the weight.",),
        faults=(
            "Hips lifting off the pad to help the weight up.",
            "Roller sitting on the Achilles or the ankle joint.",
            "Letting the stack crash down between reps.",
        ),
    ),
    muscles=(
        "hamstrings (biceps femoris, semitendinosus, semimembranosus)",
        "calves (gastrocnemius)",
    ),
    why=_WHY_CURL + " With the hips straight, the hamstrings work at a short length.",
    fit=FitCode(LEG_CURL, 1, "leg_curl", "weighted_leg_curl", "Lying leg curl"),
)

SEATED_LEG_CURL = Exercise(
    slug="seated-leg-curl",
    name="Seated leg curl",
    equipment=(frozenset({"seated-curl-machine"}),),
    recommended=frozenset(),
    laterality=Laterality.BILATERAL,
    load_type=LoadType.MACHINE,
    hip=HipPosition.FLEXED,
    prescription=Prescription(),
    cues=Cues(
        setup=(
            "Adjust the seat so the side of your knee lines up with the machine's pivot.",
            "Rest your legs on the pad so it sits just behind the ankles.",
            "Lower the lap bar onto your thighs so they cannot rise.",
            "Choose a weight that makes the final reps a real effort.",
        ),
        movement=(
            "Hold the lap-bar handles and drive your heels down and back.",
            "Stop when the knees reach roughly a right angle and pause briefly.",
        ),
        lowering=(
            "Let the pad come back up slowly.",
            "Your seat stays glued to the cushion from first rep to last.",
        ),
        faults=(
            "Knee out of line with the pivot, which strains the joint.",
            "Bouncing out of the seat to finish a rep.",
            "Rushing the return.",
        ),
    ),
    muscles=("hamstrings, at a long length because the hips are bent",),
    why=_WHY_CURL + " Sitting bends the hips, so the hamstrings work lengthened.",
    fit=FitCode(LEG_CURL, 1, "leg_curl", "weighted_leg_curl", "Seated leg curl"),
)

NORDIC_CURL = Exercise(
    slug="nordic-curl",
    name="Nordic hamstring curl",
    equipment=(frozenset({"nordic-bench"}), frozenset({"partner"}), frozenset({"anchor"})),
    recommended=frozenset({"mat"}),
    laterality=Laterality.BILATERAL,
    load_type=LoadType.BODYWEIGHT,
    hip=HipPosition.EXTENDED,
    prescription=Prescription(),
    cues=Cues(
        setup=(
            "Kneel on a pad with your heels locked: a Nordic bench, an anchor, or a partner "
            "pressing firmly on them.",
            "Make one straight line from knees to head: hips forward, glutes tight.",
        ),
        movement=(
            "Tip forward from the knees and fight the fall with hamstrings and glutes.",
            "Go down as slowly as you can manage; the slow lowering is the exercise.",
            "When you can no longer hold it, catch yourself on your hands like the bottom of a "
            "kneeling push-up.",
        ),
        lowering=(
            "Give a small push from the floor, only as much as you need.",
            "Pull yourself back to upright with the hamstrings, squeezing the glutes as you rise.",
        ),
        faults=(
            "Folding at the hips instead of staying in one line.",
            "Dropping fast after the first few degrees.",
            "Shoving hard off the floor so the hamstrings do little on the way up.",
        ),
    ),
    muscles=("hamstrings, working eccentrically (lengthening under load)", "glutes"),
    why=(
        "The hamstrings do their hardest work while lengthening, just before foot strike. "
        "The Nordic trains exactly that lengthening strength, and it is the exercise with the "
        "strongest evidence for cutting hamstring strains."
    ),
    fit=FitCode(LEG_CURL, 0, "leg_curl", "leg_curl", "Nordic hamstring curl"),
)

SINGLE_LEG_CURL = Exercise(
    slug="single-leg-curl",
    name="Single-leg curl",
    equipment=(
        frozenset({"standing-curl-machine"}),
        frozenset({"lying-curl-machine"}),
        frozenset({"seated-curl-machine"}),
    ),
    recommended=frozenset(),
    laterality=Laterality.UNILATERAL,
    load_type=LoadType.MACHINE,
    hip=HipPosition.EXTENDED,
    prescription=Prescription(per_side=True),
    cues=Cues(
        setup=(
            "Fit the machine to your body first: seat, back rest and pad positions matter more "
            "than the weight.",
            "Pick a weight that makes the last reps on each leg hard.",
        ),
        movement=(
            "Curl one heel toward your glutes.",
            "Hold the top for a short pause.",
        ),
        lowering=(
            "Lower the leg slowly back to the start.",
            "Finish every rep on one side, then switch; start with your weaker leg.",
        ),
        faults=(
            "Twisting the hips to help the working leg.",
            "Hurrying the weaker leg: it gets the same slow lowering and full range as the other.",
        ),
    ),
    muscles=("hamstrings of one leg at a time",),
    why=(
        _WHY_CURL
        + " One leg at a time shows and evens out a left/right gap that two-leg work hides."
    ),
    fit=FitCode(LEG_CURL, 1, "leg_curl", "weighted_leg_curl", "Single-leg curl"),
)

_FLOOR_SLIDE = FitCode(LEG_CURL, 6, "leg_curl", "sliding_leg_curl", "Floor hamstring curl")
_FLOOR_SLIDE_1 = FitCode(
    LEG_CURL, 5, "leg_curl", "single_leg_sliding_leg_curl", "Single-leg floor hamstring curl"
)

FLOOR_CURL = Exercise(
    slug="floor-curl",
    name="Floor hamstring curl (towel, sliders or stability ball)",
    equipment=(frozenset({"towel"}), frozenset({"sliders"}), frozenset({"stability-ball"})),
    recommended=frozenset({"mat"}),
    laterality=Laterality.BILATERAL,
    load_type=LoadType.BODYWEIGHT,
    hip=HipPosition.EXTENDED,
    prescription=Prescription(),
    cues=Cues(
        setup=(
            "Lie on your back, legs long, heels on the towel, the sliders or the top of the ball.",
            "Brace your middle as if about to be nudged in the stomach.",
        ),
        movement=(
            "Raise your hips off the floor.",
            "Keeping the hips up, pull your heels in toward your backside.",
        ),
        lowering=("Push the legs back out briskly to the start, hips still off the floor.",),
        faults=(
            "Hips sagging as the heels come in.",
            "Arching the lower back instead of bracing.",
        ),
    ),
    muscles=("hamstrings", "glutes", "trunk muscles that hold the hips up"),
    why=(
        _WHY_CURL + " It needs no machine: a towel on a smooth floor is enough, so it travels well."
    ),
    fit=_FLOOR_SLIDE,
    variants=(
        Variant(
            "towel",
            "Towel",
            frozenset({"towel"}),
            _FLOOR_SLIDE,
            _FLOOR_SLIDE_1,
            "on a smooth floor",
        ),
        Variant(
            "sliders",
            "Slider discs",
            frozenset({"sliders"}),
            _FLOOR_SLIDE,
            _FLOOR_SLIDE_1,
            "slides on carpet or floor",
        ),
        Variant(
            "stability-ball",
            "Stability ball",
            frozenset({"stability-ball"}),
            FitCode(
                LEG_CURL,
                10,
                "leg_curl",
                "swiss_ball_hip_raise_and_leg_curl",
                "Stability-ball hamstring curl",
            ),
            FitCode(
                HIP_RAISE,
                43,
                "hip_raise",
                "single_leg_swiss_ball_hip_raise_and_leg_curl",
                "Single-leg stability-ball curl",
            ),
            "the ball rolls, so the hips work harder to stay level",
        ),
    ),
)

CATALOGUE = Catalogue(
    exercises=(LYING_LEG_CURL, SEATED_LEG_CURL, NORDIC_CURL, SINGLE_LEG_CURL, FLOOR_CURL),
    equipment=EQUIPMENT,
)
